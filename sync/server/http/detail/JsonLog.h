#pragma once

// Structured logging for the HTTP layer: one JSON object per line on stderr, e.g.
//   {"ts":"2024-05-01T12:00:00.123Z","level":"warn","msg":"tls handshake failed","peer":"10.0.0.7",...}
// Usage: emitLogLine(logRecord("info", "request").field("status", 200));

#include "http/detail/Json.h"

#include <chrono>
#include <string>
#include <string_view>

namespace outpost::http::detail {

// "2024-05-01T12:00:00.123Z"
std::string isoTimestampUtc(std::chrono::system_clock::time_point when);

// A record with ts, level and msg filled in; add fields, then emitLogLine().
JsonObjectWriter logRecord(std::string_view level, std::string_view msg);

// Writes the finished record and a newline to stderr as one write (lines from threads never interleave).
void emitLogLine(JsonObjectWriter& record);
void emitLogLine(JsonObjectWriter&& record);

} // namespace outpost::http::detail
