namespace PromoAdmin.Domain.Common;

/// <summary>
/// A configuration value the app cannot start with; <see cref="Exception.Message"/> names <see cref="Key"/> and what is allowed,
/// in one line, for the start-up log.
/// </summary>
public sealed class InvalidSettingException : Exception
{
    public string Key { get; }

    public InvalidSettingException(string key, string message) : base(message) => Key = key;

    public InvalidSettingException() : this("", "Invalid setting.") { }

    public InvalidSettingException(string message) : this("", message) { }

    public InvalidSettingException(string message, Exception innerException) : base(message, innerException) => Key = "";
}
