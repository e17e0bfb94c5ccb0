using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsGap.Analytics;

/// <summary>Serialises the `gaps` documents: camelCase, nulls written, dates <c>yyyy-MM-dd</c>, culture-invariant.</summary>
public static class GapsJson
{
    /// <summary>The serializer options of the `gaps` documents (compact, camelCase, ISO dates).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>The same options, indented for people.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    /// <summary>The JSON text of a document.</summary>
    public static string Serialize(IGapsDocument document, bool indented = false) =>
        JsonSerializer.Serialize(document, document.GetType(), indented ? IndentedOptions : Options);

    /// <summary>Writes the JSON of a document to a stream (UTF-8, no BOM).</summary>
    public static Task SerializeAsync(Stream stream, IGapsDocument document, bool indented = false, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, document, document.GetType(), indented ? IndentedOptions : Options, cancellationToken);

    /// <summary>
    /// Gives <paramref name="options"/> the settings of the documents (camelCase, nulls written, relaxed escaping, ISO
    /// dates): how the host's API serialises every document, so that it writes the same text as the CLI.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Codes may be URIs (ESCO, Open Badges): keep '&', '+' and non-ASCII readable; this is not HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        if (!options.Converters.Any(c => c is IsoDateConverter)) options.Converters.Add(new IsoDateConverter());
    }

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions { WriteIndented = writeIndented };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class IsoDateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateOnly.ParseExact(reader.GetString() ?? throw new JsonException("A date must be a string."), Iso.DateFormat, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Iso.Date(value));
    }
}
