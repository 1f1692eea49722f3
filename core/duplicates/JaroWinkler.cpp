#include "duplicates/JaroWinkler.h"

#include <algorithm>
#include <array>

namespace outpost {

namespace {

template <typename Char> double jaroWinklerOf(const Char* s, int n, const Char* t, int m)
{
    n = std::min(n, kJaroWinklerMaxLength);
    m = std::min(m, kJaroWinklerMaxLength);
    if (n == 0 && m == 0)
        return 1.0;
    if (n == 0 || m == 0)
        return 0.0;
    const int window = std::max(0, std::max(n, m) / 2 - 1);
    std::array<bool, kJaroWinklerMaxLength> sMatched{};
    std::array<bool, kJaroWinklerMaxLength> tMatched{};
    int matches = 0;
    for (int i = 0; i < n; ++i) {
        const int lo = std::max(0, i - window);
        const int hi = std::min(m - 1, i + window);
        for (int j = lo; j <= hi; ++j) {
            if (!tMatched[j] && s[i] == t[j]) {
                sMatched[i] = tMatched[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0)
        return 0.0;
    int halfTranspositions = 0;
    for (int i = 0, k = 0; i < n; ++i) {
        if (!sMatched[i])
            continue;
        while (!tMatched[k])
            ++k;
        if (s[i] != t[k])
            ++halfTranspositions;
        ++k;
    }
    const double mm = matches;
    const double jaro = (mm / n + mm / m + (mm - halfTranspositions / 2.0) / mm) / 3.0;
    if (jaro <= 0.7)
        return jaro;
    int prefix = 0;
    while (prefix < 4 && prefix < n && prefix < m && s[prefix] == t[prefix])
        ++prefix;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

// Decodes up to kJaroWinklerMaxLength code points; returns how many.
int decodeUtf8(std::string_view in, std::array<char32_t, kJaroWinklerMaxLength>& out)
{
    int n = 0;
    size_t i = 0;
    while (i < in.size() && n < kJaroWinklerMaxLength) {
        const auto c = static_cast<unsigned char>(in[i]);
        char32_t cp = 0xFFFD;
        int extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F;
            extra = 1;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07;
            extra = 3;
        }
        ++i;
        for (int k = 0; k < extra; ++k, ++i) {
            if (i >= in.size() || (static_cast<unsigned char>(in[i]) & 0xC0) != 0x80) {
                cp = 0xFFFD;
                break;
            }
            cp = (cp << 6) | (static_cast<unsigned char>(in[i]) & 0x3F);
        }
        out[n++] = cp;
    }
    return n;
}

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

double jaroWinkler(std::u32string_view a, std::u32string_view b)
{
    return jaroWinklerOf(a.data(), static_cast<int>(std::min<size_t>(a.size(), kJaroWinklerMaxLength)),
                         b.data(), static_cast<int>(std::min<size_t>(b.size(), kJaroWinklerMaxLength)));
}

double jaroWinklerUtf8(std::string_view a, std::string_view b)
{
    if (isAscii(a) && isAscii(b)) // the common case after folding: compare the bytes themselves
        return jaroWinklerOf(a.data(), static_cast<int>(std::min<size_t>(a.size(), kJaroWinklerMaxLength)),
                             b.data(), static_cast<int>(std::min<size_t>(b.size(), kJaroWinklerMaxLength)));
    std::array<char32_t, kJaroWinklerMaxLength> x{};
    std::array<char32_t, kJaroWinklerMaxLength> y{};
    const int n = decodeUtf8(a, x);
    const int m = decodeUtf8(b, y);
    return jaroWinklerOf(x.data(), n, y.data(), m);
}

} // namespace outpost
