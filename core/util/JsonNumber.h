#pragma once

#include <cmath>
#include <optional>
#include <QJsonValue>

namespace outpost {

// A JSON number that is a whole number, as qint64. JSON numbers are doubles, exact up to 2^53, which every
// count, sequence number, version and UTC-millisecond time in Outpost stays below; anything else (text,
// a fraction, a larger magnitude) is nothing.
inline std::optional<qint64> jsonWholeNumber(const QJsonValue& v)
{
    constexpr double kExactLimit = 9007199254740992.0; // 2^53
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kExactLimit)
        return std::nullopt;
    return qint64(d);
}

} // namespace outpost
