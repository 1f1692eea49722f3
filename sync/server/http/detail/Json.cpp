#include "http/detail/Json.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace outpost::http::detail {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid (overlong forms,
// surrogates and code points above U+10FFFF are rejected).
std::size_t validUtf8Length(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return length;
}

} // namespace

void appendJsonString(std::string& out, std::string_view text)
{
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = validUtf8Length(text, i);
            if (length == 0) {
                out += "\\ufffd";
                ++i;
            } else {
                out.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0x0F]);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
        ++i;
    }
    out.push_back('"');
}

std::string jsonString(std::string_view text)
{
    std::string out;
    appendJsonString(out, text);
    return out;
}

void JsonObjectWriter::key(std::string_view name)
{
    if (m_out.size() > 1)
        m_out.push_back(',');
    appendJsonString(m_out, name);
    m_out.push_back(':');
}

JsonObjectWriter& JsonObjectWriter::field(std::string_view name, std::string_view value)
{
    key(name);
    appendJsonString(m_out, value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(std::string_view name, long long value)
{
    key(name);
    m_out += std::to_string(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(std::string_view name, unsigned long long value)
{
    key(name);
    m_out += std::to_string(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(std::string_view name, double value)
{
    key(name);
    if (!std::isfinite(value)) {
        m_out += "null";
        return *this;
    }
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    m_out.append(buffer.data(), result.ptr);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::rawField(std::string_view name, std::string_view json)
{
    key(name);
    m_out.append(json);
    return *this;
}

std::string JsonObjectWriter::finish()
{
    m_out.push_back('}');
    return std::move(m_out);
}

} // namespace outpost::http::detail
