using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>The smallest request (by CsCheck's size order) seen breaking the contract in one way, with its seed to replay it.</summary>
public sealed record FuzzBreach(string Kind, Size Size, string Seed, FuzzRequest Request, FuzzAnswer Answer, int Occurrences, int Shrinks);
