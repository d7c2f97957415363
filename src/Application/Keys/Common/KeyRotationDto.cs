namespace Orchestrator.Application.Keys.Common;

/// <summary>The outcome of a rotation: which key now signs or encrypts (an id, never key material).</summary>
public sealed record KeyRotationDto(string Kind, string ActiveKeyId);
