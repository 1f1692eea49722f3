#pragma once

#include <QByteArray>
#include <QStringView>

namespace outpost {

// Compact JSON text written by hand where a QJsonObject tree and QJsonDocument would cost more than the
// writing (a snapshot page, the outbox entry of a mutation of hundreds of rows). The text is what
// QJsonDocument writes for the same value: UTF-8, only the escapes JSON requires.

// Appends `s` as a JSON string, quotes included.
void appendJsonString(QByteArray& out, QStringView s);

} // namespace outpost
