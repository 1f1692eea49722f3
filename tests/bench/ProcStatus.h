#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

#include <ctime>

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

// Resets this process's peak resident memory (VmHWM), so the next reading is the peak of what follows.
inline void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

// CPU time this process has used (all threads), in seconds: steadier than wall time on a loaded machine.
inline double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU time the calling thread has used, in seconds: per-operation CPU on a loaded machine.
inline double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU time (user + system) from a /proc stat file (a process's or one thread's), in seconds; -1 without it.
inline double procStatCpuSeconds(const QString& path)
{
    QFile f(path);
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

// CPU time a process has used so far, in seconds; -1 without /proc.
inline double procCpuSeconds(qint64 pid)
{
    return procStatCpuSeconds(QStringLiteral("/proc/%1/stat").arg(pid));
}

// The 1-minute load average (0 without /proc): the figures of a shared machine are quoted with it.
inline double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : 0;
}

} // namespace outpost::bench
