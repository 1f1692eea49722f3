#pragma once

#include <QString>

namespace outpost {

// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; text form, lower case.
// Ids made in the same millisecond by one process still sort in creation order.
QString newUuidV7();
QString newUuidV7(qint64 unixMs);

bool isUuid(const QString& text);

} // namespace outpost
