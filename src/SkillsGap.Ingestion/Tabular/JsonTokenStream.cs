using System.Text;
using System.Text.Json;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>
/// JSON tokens read one at a time from a stream with <see cref="Utf8JsonReader"/>, through a buffer that grows only as
/// far as the longest single token allows: a longer token (a hostile 200 MB string) is refused when it fills the buffer,
/// without being held. The text of a string, property name or number is exposed as <see cref="Chars"/> until the next token.
/// </summary>
internal sealed class JsonTokenStream
{
    private readonly Stream _stream;
    private readonly int _maxBuffer;
    private readonly Func<Exception> _tooLong;
    private readonly Func<string, Exception> _invalidText;
    private byte[] _buffer = new byte[64 * 1024];
    private char[] _chars = new char[1024];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;

    /// <param name="maxTokenBytes">The longest token accepted, in bytes.</param>
    /// <param name="tooLong">The exception for a token longer than that.</param>
    /// <param name="invalidText">The exception for a string whose escapes are not text (a lone <c>\ud800</c>), given the reason.</param>
    public JsonTokenStream(Stream stream, JsonReaderOptions options, int maxTokenBytes, Func<Exception> tooLong, Func<string, Exception> invalidText)
    {
        _stream = stream;
        _maxBuffer = Math.Max(maxTokenBytes, _buffer.Length);
        _tooLong = tooLong;
        _invalidText = invalidText;
        _state = new JsonReaderState(options);
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Depth of the current token (0 for the root value).</summary>
    public int Depth { get; private set; }

    /// <summary>The unescaped text of the current string or property name, or the raw text of a number; else empty.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, CharCount);

    private int CharCount { get; set; }

    /// <summary>Moves to the next token; false at the end of the input.</summary>
    /// <exception cref="JsonException">The JSON is not valid (with its line and byte position).</exception>
    public bool Next()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                CharCount = 0;
                if (TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    // Unescaped text is never longer, in UTF-16 units, than its UTF-8 bytes.
                    EnsureChars(reader.ValueSpan.Length);
                    try
                    {
                        CharCount = reader.CopyString(_chars);
                    }
                    catch (InvalidOperationException e)
                    {
                        // The reader accepts "\ud800" alone but cannot turn it into text.
                        throw _invalidText($"the string is not valid text: {e.Message}");
                    }
                }
                else if (TokenType == JsonTokenType.Number)
                {
                    EnsureChars(reader.ValueSpan.Length);
                    CharCount = Encoding.UTF8.GetChars(reader.ValueSpan, _chars);
                }
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return true;
            }
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (_final) return false;
            Fill();
        }
    }

    private void EnsureChars(int length)
    {
        if (_chars.Length < length) _chars = new char[Math.Max(length, _chars.Length * 2)];
    }

    /// <summary>Keeps the unread bytes, growing the buffer when one token fills it (up to the limit), and reads more.</summary>
    private void Fill()
    {
        var kept = _end - _start;
        if (kept == _buffer.Length)
        {
            if (_buffer.Length >= _maxBuffer) throw _tooLong();
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxBuffer));
        }
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
            _start = 0;
            _end = kept;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        _end += read;
    }
}
