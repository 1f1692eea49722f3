#pragma once

#include "profile/Workspace.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace outpost::bench {

// Number of contacts a benchmark works on: OUTPOST_BENCH_CONTACTS, default 1,000,000.
qint64 contactCount();

// A workspace in a temporary folder, encrypted or plain, filled with demo contacts once per process. Then its
// search index is tidied as the app's ContactSearchTidier leaves it after a quiet moment (not with
// OUTPOST_BENCH_UNTIDY=1: the index as the bulk load wrote it, the demo profile's level 1 one segment short of
// a merge).
struct BenchProfile
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    double loadSeconds = 0; // the bulk load alone
    double tidySeconds = 0;
    qint64 fileBytes = 0;
};
BenchProfile& profile(bool encrypted);
// Closes the profiles; call before the QCoreApplication goes away.
void releaseProfiles();

// Realistic search keystrokes: prefixes of names and e-mails of generated people, typed letter by letter.
QStringList typedSearches(int people);

double percentile(std::vector<double> values, double p);

} // namespace outpost::bench
