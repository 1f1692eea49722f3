#pragma once

#include "util/Clock.h"

#include <QString>

namespace outpost {

// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so timestamps from
// one node always rise even when the wall clock steps back, and order causally across nodes.
// Text form "WWWWWWWWWWWWWWW.CCCCC.node" sorts correctly as a string.
class HybridLogicalClock
{
public:
    struct Timestamp
    {
        qint64 wallMs = 0;
        int counter = 0;
        QString node;

        QString toString() const;
        static bool parse(const QString& text, Timestamp* out);
        bool operator<(const Timestamp& o) const;
    };

    HybridLogicalClock(const Clock& clock, QString node);

    QString now();                        // for a local event
    void observe(const QString& remote);  // merge a timestamp received from another node
    void restore(const QString& last);    // continue after a restart from the last issued timestamp
    QString last() const { return m_last.toString(); }

private:
    const Clock& m_clock;
    Timestamp m_last;
};

} // namespace outpost
