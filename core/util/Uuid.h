#pragma once

#include <QString>

namespace outpost {

// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; text form, lower case.
// Ids made in the same millisecond by one process still sort in creation order.
QString newUuidV7();
QString newUuidV7(qint64 unixMs);
// The text of a UUIDv7 from its parts: 48-bit milliseconds, 12 bits of rand_a, 62 bits of rand_b
// (extra high bits are dropped). For reproducible ids, e.g. generated demo data.
QString formatUuidV7(qint64 unixMs, quint16 randA, quint64 randB);

bool isUuid(const QString& text);

} // namespace outpost
