namespace Orchestrator.Application.Common.Sessions;

/// <summary>A list of common and breached passwords shipped with the service.</summary>
public interface ICommonPasswordList
{
    /// <summary>True when the password is on the list, is a listed password padded with digits or symbols, or repeats a short unit.</summary>
    bool IsCommon(string password);
}
