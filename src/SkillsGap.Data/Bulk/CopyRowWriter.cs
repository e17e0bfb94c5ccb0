using System.Buffers.Binary;
using System.Text;

namespace SkillsGap.Data.Bulk;

/// <summary>
/// Writes PostgreSQL's binary COPY format (PostgreSQL docs, "COPY", Binary Format) straight into a byte buffer that is
/// flushed to the raw COPY stream: a header, per row a 16-bit field count and per field a 32-bit length (-1 for NULL)
/// and the value in network byte order. Encoding by hand costs a fraction of a typed writer per value, which made
/// the client, not the server, the slower side of a bulk COPY.
/// </summary>
internal sealed class CopyRowWriter(Stream stream)
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Day number of PostgreSQL's date epoch, 2000-01-01.</summary>
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private byte[] _buffer = new byte[1 << 16];
    private int _length;

    public void Start()
    {
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields, first sending the buffer when it is nearly full.</summary>
    public async ValueTask StartRowAsync(int fields, CancellationToken ct)
    {
        if (_length > _buffer.Length - 4096) await FlushAsync(ct);
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), (short)fields);
        _length += 2;
    }

    public void WriteNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
        _length += 4;
    }

    public void WriteInt(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 8;
    }

    public void WriteBool(bool value)
    {
        Ensure(5);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 1);
        _buffer[_length + 4] = value ? (byte)1 : (byte)0;
        _length += 5;
    }

    public void WriteDate(DateOnly value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), value.DayNumber - EpochDay);
        _length += 8;
    }

    public void WriteText(string value)
    {
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>Writes the trailer (a field count of -1) and sends what is left.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await FlushAsync(ct);
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        // Only a very long value gets here: the row start flushes before the buffer fills.
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        await stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
    }
}
