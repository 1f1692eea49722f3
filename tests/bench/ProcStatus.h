#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace outpost::bench {

// A memory figure of a process (this one by default) from /proc/<pid>/status ("VmHWM" = peak resident,
// "VmRSS" = resident now), in MiB; -1 where there is no /proc.
inline double procStatusMiB(const char* key, qint64 pid = 0)
{
    QFile f(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat; -1 without /proc.
inline double procCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // Fields after the command name (which is in parentheses and may hold spaces): state is field 3,
    // utime field 14, stime field 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

} // namespace outpost::bench
