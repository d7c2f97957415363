using Zxcvbn;
using Zxcvbn.Matcher;

namespace Orchestrator.Infrastructure.Security;

/// <summary>Says, in zxcvbn's terms, which pattern makes a password guessable, without quoting any of it.</summary>
internal static class PasswordWeakness
{
    public static string Describe(IEnumerable<Match> matches)
    {
        var patterns = matches.Where(m => m.Pattern != "bruteforce").ToList();
        if (patterns.OfType<DictionaryMatch>().Any(m => m.DictionaryName == "user_inputs"))
        {
            return "it is built on the username";
        }

        var words = patterns.OfType<DictionaryMatch>().Count(m => m.Token.Length >= 3);
        var longest = patterns.OrderByDescending(m => m.Token.Length).FirstOrDefault();
        return longest switch
        {
            null => "it is too short for the few kinds of characters it uses",
            SpatialMatch => "keyboard patterns (keys next to each other) are easy to guess",
            SequenceMatch => "sequences such as abc or 6543 are easy to guess",
            RepeatMatch => "repeated characters are easy to guess",
            DictionaryMatch when words >= 2 => "a few common words, names or passwords put together are easy to guess",
            L33tDictionaryMatch => "a common word with predictable substitutions (such as @ for a) is easy to guess",
            DictionaryMatch { DictionaryName: "passwords" } => "it is built on a very common password",
            DictionaryMatch { DictionaryName: "male_names" or "female_names" or "surnames" } => "names and surnames are easy to guess",
            DictionaryMatch => "a common word by itself is easy to guess",
            _ => "dates, years and runs of digits are easy to guess",
        };
    }
}
