#pragma once

#include <QByteArray>
#include <QFile>

#include <ctime>

namespace outpost::bench {

// A memory figure of this process from /proc/self/status ("VmHWM" = peak resident, "VmRSS" = resident now),
// in MiB; -1 where there is no /proc.
inline double procStatusMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// CPU time this process has used (all threads), in seconds: steadier than wall time on a loaded machine.
inline double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

} // namespace outpost::bench
