using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NpgsqlTypes;
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

/// <summary>A column of a staging table and how to read its value from a row.</summary>
internal abstract class BulkColumn<T>(string name, BulkType type, int? maxLength)
{
    public string Name { get; } = name;
    public BulkType Type { get; } = type;
    /// <summary>Text length on SQL Server (null: nvarchar(max)).</summary>
    public int? MaxLength { get; } = maxLength;

    /// <summary>The value boxed for ADO.NET parameters and DataTables; <see cref="DBNull.Value"/> for null.</summary>
    public abstract object GetBoxed(T row);

    /// <summary>Binds the value to a prepared SQLite statement without boxing; <paramref name="buffer"/> is scratch space for UTF-8.</summary>
    public abstract void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer);

    /// <summary>Writes the value to a binary COPY without boxing.</summary>
    public abstract void Write(Npgsql.NpgsqlBinaryImporter importer, T row);

    public NpgsqlDbType NpgsqlType => Type switch
    {
        BulkType.Text => NpgsqlDbType.Text,
        BulkType.Int => NpgsqlDbType.Integer,
        BulkType.Date => NpgsqlDbType.Date,
        BulkType.Bool => NpgsqlDbType.Boolean,
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>A text staging column.</summary>
internal sealed class TextColumn<T>(string name, Func<T, string?> get, int? maxLength) : BulkColumn<T>(name, BulkType.Text, maxLength)
{
    public override object GetBoxed(T row) => (object?)get(row) ?? DBNull.Value;

    public override void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer)
    {
        var value = get(row);
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < max) buffer = new byte[Math.Max(max, buffer.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }

    public override void Write(Npgsql.NpgsqlBinaryImporter importer, T row)
    {
        var value = get(row);
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }
}

/// <summary>A staging column of a value type, null allowed.</summary>
internal sealed class ValueColumn<T, TValue>(string name, BulkType type, Func<T, TValue?> get) : BulkColumn<T>(name, type, null)
    where TValue : struct
{
    public override object GetBoxed(T row) => get(row) is { } value ? value : DBNull.Value;

    public override void Bind(sqlite3_stmt statement, int index, T row, ref byte[] buffer)
    {
        if (get(row) is not { } value)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }
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

    public override void Write(Npgsql.NpgsqlBinaryImporter importer, T row)
    {
        if (get(row) is { } value) importer.Write(value, NpgsqlType);
        else importer.WriteNull();
    }
}

/// <summary>Shorthands for declaring staging columns.</summary>
internal static class Col
{
    public static BulkColumn<T> Text<T>(string name, Func<T, string?> get, int? maxLength) => new TextColumn<T>(name, get, maxLength);
    public static BulkColumn<T> Int<T>(string name, Func<T, int?> get) => new ValueColumn<T, int>(name, BulkType.Int, get);
    public static BulkColumn<T> Date<T>(string name, Func<T, DateOnly?> get) => new ValueColumn<T, DateOnly>(name, BulkType.Date, get);
}
