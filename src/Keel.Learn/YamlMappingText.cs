using Keel.Data;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel.Learn;

/// <summary>Reads the YAML files people write for Keel (model-card owner files, promotion and retraining policies, KPI files): one mapping.</summary>
public static class YamlMappingText
{
    /// <summary>
    /// The top-level mapping of <paramref name="text"/>; YAML that does not parse is refused with its line and column,
    /// and anything but a mapping with <paramref name="expected"/>, a sentence saying what the file should hold.
    /// </summary>
    public static YamlMappingNode Load(string text, string source, string expected)
    {
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException e)
        {
            throw new KeelDataException($"{source}, line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.InnerException?.Message ?? e.Message}).");
        }
        return root ?? throw new KeelDataException($"{source}: {expected}");
    }
}
