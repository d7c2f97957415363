namespace Orchestrator.WebApi.Requests;

/// <summary>Marks an endpoint that reads a <see cref="TokenForm"/>: its body errors are RFC 6749's, not problems.</summary>
public sealed class FormBodyMetadata;
