#pragma once

#include <string_view>

namespace outpost {

// Jaro-Winkler similarity of two strings of Unicode code points, in [0, 1] (1 = equal): the Jaro score
// (matching characters within half the longer length, transpositions) raised for a common prefix of up to
// four characters (scale 0.1), the boost applied only above a Jaro score of 0.7 as Winkler proposed.
// Strings longer than kMaxLength code points are compared on their first kMaxLength.
double jaroWinkler(std::u32string_view a, std::u32string_view b);

// The same for UTF-8 text (decoded first; malformed bytes count as U+FFFD).
double jaroWinklerUtf8(std::string_view a, std::string_view b);

constexpr int kJaroWinklerMaxLength = 128;

} // namespace outpost
