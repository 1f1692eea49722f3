#include "util/Uuid.h"

#include <QDateTime>
#include <QMutex>
#include <QRandomGenerator>

#include <array>

namespace outpost {

namespace {
QMutex g_lock;
qint64 g_lastMs = 0;
quint16 g_counter = 0; // 12-bit rand_a used as a monotonic counter within one millisecond
} // namespace

QString newUuidV7(qint64 unixMs)
{
    quint16 counter;
    {
        QMutexLocker locker(&g_lock);
        if (unixMs <= g_lastMs) {
            unixMs = g_lastMs;
            if (++g_counter > 0x0fff) { // counter exhausted: borrow the next millisecond
                ++unixMs;
                g_counter = 0;
            }
        } else {
            g_counter = static_cast<quint16>(QRandomGenerator::system()->bounded(0x0800));
        }
        g_lastMs = unixMs;
        counter = g_counter;
    }

    return formatUuidV7(unixMs, counter, QRandomGenerator::system()->generate64());
}

QString formatUuidV7(qint64 unixMs, quint16 randA, quint64 randB)
{
    std::array<quint8, 16> b{};
    for (int i = 0; i < 6; ++i)
        b[static_cast<size_t>(i)] = static_cast<quint8>((static_cast<quint64>(unixMs) >> (40 - 8 * i)) & 0xff);
    b[6] = static_cast<quint8>(0x70 | ((randA >> 8) & 0x0f));
    b[7] = static_cast<quint8>(randA & 0xff);
    for (int i = 8; i < 16; ++i)
        b[static_cast<size_t>(i)] = static_cast<quint8>((randB >> (8 * (i - 8))) & 0xff);
    b[8] = static_cast<quint8>((b[8] & 0x3f) | 0x80); // RFC 4122 variant

    static const char hex[] = "0123456789abcdef";
    QString out;
    out.reserve(36);
    for (size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += QLatin1Char('-');
        out += QLatin1Char(hex[b[i] >> 4]);
        out += QLatin1Char(hex[b[i] & 0x0f]);
    }
    return out;
}

QString newUuidV7()
{
    return newUuidV7(QDateTime::currentMSecsSinceEpoch());
}

bool isUuid(const QString& text)
{
    if (text.size() != 36)
        return false;
    for (int i = 0; i < 36; ++i) {
        const QChar c = text.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
                     || (c >= QLatin1Char('A') && c <= QLatin1Char('F')))) {
            return false;
        }
    }
    return true;
}

} // namespace outpost
