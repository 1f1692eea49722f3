#include "http/detail/JsonLog.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace outpost::http::detail {

std::string isoTimestampUtc(std::chrono::system_clock::time_point when)
{
    const auto sinceEpoch = when.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(sinceEpoch);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(sinceEpoch - seconds).count();
    const std::time_t time = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    gmtime_r(&time, &utc);
    std::array<char, 96> buffer{}; // room for any int values: -O2 checks the worst case
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return buffer.data();
}

JsonObjectWriter logRecord(std::string_view level, std::string_view msg)
{
    JsonObjectWriter record;
    record.field("ts", isoTimestampUtc(std::chrono::system_clock::now()));
    record.field("level", level);
    record.field("msg", msg);
    return record;
}

void emitLogLine(JsonObjectWriter& record)
{
    std::string line = record.finish();
    line.push_back('\n');
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void emitLogLine(JsonObjectWriter&& record)
{
    emitLogLine(record);
}

} // namespace outpost::http::detail
