using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SQLitePCL;

namespace SkillsGap.Data.Bulk;

/// <summary>Storage type of a staging column.</summary>
internal enum BulkType
{
    Text,
    Int,
    Date,
    Bool,
}

/// <summary>A staging column as the SQL sees it: name, type, text length and whether it is an ordinally compared code.</summary>
internal sealed record StagingColumn(string Name, BulkType Type, int? MaxLength = null, bool Ordinal = false);

/// <summary>A column of a staging table and how to read its value from a row.</summary>
internal abstract class BulkColumn<T>(string name, BulkType type, int? maxLength, bool ordinal = false)
{
    public string Name { get; } = name;
    public BulkType Type { get; } = type;
    /// <summary>Text length on SQL Server (null: nvarchar(max)).</summary>
    public int? MaxLength { get; } = maxLength;

    /// <summary>
    /// A code or id, compared ordinally (case-sensitive) everywhere: on SQL Server its column has a binary collation
    /// (<see cref="SkillsGapDbContext.OrdinalCollation"/>), and so must its staging column.
    /// </summary>
    public bool Ordinal { get; } = ordinal;

    public StagingColumn Describe() => new(Name, Type, MaxLength, Ordinal);

    /// <summary>The value as text, for ordering rows by a text key (null for other types).</summary>
    public virtual string? KeyText(T row) => null;

    /// <summary>The value as a number, for ordering rows by a date or integer key (null for text).</summary>
    public virtual long? KeyNumber(T row) => null;

    /// <summary>The value boxed for ADO.NET parameters and DataTables; <see cref="DBNull.Value"/> for null.</summary>
    public abstract object GetBoxed(T row);

    /// <summary>Binds the value to a prepared SQLite statement without boxing; <paramref name="buffer"/> is scratch space for UTF-8.</summary>
    /// <remarks>
    /// A null is bound only when <paramref name="nullBound"/> says the parameter does not already hold one (bindings
    /// outlive sqlite3_reset, and most optional columns are null row after row); it is updated.
    /// </remarks>
    public abstract void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer, ref bool nullBound);

    /// <summary>Writes the value to a binary COPY without boxing.</summary>
    public abstract void Write(CopyRowWriter writer, T row);
}

/// <summary>A text staging column.</summary>
internal sealed class TextColumn<T>(string name, Func<T, string?> get, int? maxLength, bool ordinal) : BulkColumn<T>(name, BulkType.Text, maxLength, ordinal)
{
    public override string? KeyText(T row) => get(row);

    public override object GetBoxed(T row) => (object?)get(row) ?? DBNull.Value;

    public override void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer, ref bool nullBound)
    {
        var value = get(row);
        if (value is null)
        {
            if (!nullBound) raw.sqlite3_bind_null(statement, index);
            nullBound = true;
            return;
        }
        nullBound = false;
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < max) buffer = new byte[Math.Max(max, buffer.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }

    public override void Write(CopyRowWriter writer, T row)
    {
        var value = get(row);
        if (value is null) writer.WriteNull();
        else writer.WriteText(value);
    }
}

/// <summary>A staging column of a value type, null allowed.</summary>
internal sealed class ValueColumn<T, TValue>(string name, BulkType type, Func<T, TValue?> get) : BulkColumn<T>(name, type, null)
    where TValue : struct
{
    public override object GetBoxed(T row) => get(row) is { } value ? value : DBNull.Value;

    public override long? KeyNumber(T row)
    {
        if (get(row) is not { } value) return null;
        if (typeof(TValue) == typeof(int)) return Unsafe.As<TValue, int>(ref value);
        if (typeof(TValue) == typeof(bool)) return Unsafe.As<TValue, bool>(ref value) ? 1 : 0;
        if (typeof(TValue) == typeof(DateOnly)) return Unsafe.As<TValue, DateOnly>(ref value).DayNumber;
        throw new NotSupportedException($"No key number for {typeof(TValue).Name}.");
    }

    public override void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer, ref bool nullBound)
    {
        if (get(row) is not { } value)
        {
            if (!nullBound) raw.sqlite3_bind_null(statement, index);
            nullBound = true;
            return;
        }
        nullBound = false;
        // typeof tests on a struct type argument are resolved by the JIT, so nothing is boxed.
        if (typeof(TValue) == typeof(int))
            raw.sqlite3_bind_int(statement, index, Unsafe.As<TValue, int>(ref value));
        else if (typeof(TValue) == typeof(bool))
            raw.sqlite3_bind_int(statement, index, Unsafe.As<TValue, bool>(ref value) ? 1 : 0);
        else if (typeof(TValue) == typeof(DateOnly))
        {
            // The text form EF Core's SQLite provider stores: yyyy-MM-dd.
            Unsafe.As<TValue, DateOnly>(ref value).TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
        }
        else throw new NotSupportedException($"No SQLite binding for {typeof(TValue).Name}.");
    }

    public override void Write(CopyRowWriter writer, T row)
    {
        if (get(row) is not { } value) writer.WriteNull();
        else if (typeof(TValue) == typeof(int)) writer.WriteInt(Unsafe.As<TValue, int>(ref value));
        else if (typeof(TValue) == typeof(bool)) writer.WriteBool(Unsafe.As<TValue, bool>(ref value));
        else if (typeof(TValue) == typeof(DateOnly)) writer.WriteDate(Unsafe.As<TValue, DateOnly>(ref value));
        else throw new NotSupportedException($"No COPY encoding for {typeof(TValue).Name}.");
    }
}

/// <summary>Shorthands for declaring staging columns.</summary>
internal static class Col
{
    /// <summary>Free text (names, URLs, e-mails): the database's default collation.</summary>
    public static BulkColumn<T> Text<T>(string name, Func<T, string?> get, int? maxLength) => new TextColumn<T>(name, get, maxLength, ordinal: false);
    /// <summary>A code or id: compared ordinally on every provider.</summary>
    public static BulkColumn<T> Code<T>(string name, Func<T, string?> get, int maxLength = SkillsGapDbContext.IdLength) => new TextColumn<T>(name, get, maxLength, ordinal: true);
    public static BulkColumn<T> Int<T>(string name, Func<T, int?> get) => new ValueColumn<T, int>(name, BulkType.Int, get);
    public static BulkColumn<T> Date<T>(string name, Func<T, DateOnly?> get) => new ValueColumn<T, DateOnly>(name, BulkType.Date, get);
}
