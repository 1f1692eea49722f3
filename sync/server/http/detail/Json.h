#pragma once

// Minimal JSON writing for error bodies and the JSON access log: no parsing, no DOM.

#include <string>
#include <string_view>

namespace outpost::http::detail {

// Appends `text` as a quoted JSON string. Control characters are escaped and invalid UTF-8 becomes
// U+FFFD, so client-supplied bytes (paths, header values) cannot break a log line or a body.
void appendJsonString(std::string& out, std::string_view text);

std::string jsonString(std::string_view text);

// Builds one JSON object field by field: {"a":"x","b":2}.
class JsonObjectWriter
{
public:
    JsonObjectWriter& field(std::string_view key, std::string_view value);
    JsonObjectWriter& field(std::string_view key, const char* value)
    {
        return field(key, std::string_view(value));
    }
    JsonObjectWriter& field(std::string_view key, const std::string& value)
    {
        return field(key, std::string_view(value));
    }
    JsonObjectWriter& field(std::string_view key, long long value);
    JsonObjectWriter& field(std::string_view key, unsigned long long value);
    JsonObjectWriter& field(std::string_view key, int value)
    {
        return field(key, static_cast<long long>(value));
    }
    JsonObjectWriter& field(std::string_view key, double value);
    JsonObjectWriter& rawField(std::string_view key, std::string_view json);
    std::string finish();

private:
    void key(std::string_view name);
    std::string m_out = "{";
};

} // namespace outpost::http::detail
