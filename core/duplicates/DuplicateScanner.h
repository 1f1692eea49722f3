#pragma once

#include "duplicates/DuplicateScoring.h"
#include "util/Result.h"

#include <atomic>
#include <functional>
#include <QCoreApplication>
#include <QList>

namespace outpost {

class Database;

// Two contacts that look like the same person. Contacts are named by their local row ids (compact for a
// million-row scan); DuplicateContacts reads what a list or a merge needs of them.
struct DuplicatePair
{
    qint64 ridA = 0; // ridA < ridB
    qint64 ridB = 0;
    int score = 0; // 0…100
    DuplicateReasons reasons;
    int nameSimilarity = 0; // percent

    QStringList reasonTexts() const { return DuplicateScoring::describe(reasons, nameSimilarity); }
    bool involves(qint64 rid) const { return ridA == rid || ridB == rid; }
};

struct DuplicateScanResult
{
    QList<DuplicatePair> pairs; // best first: score descending, then ridA, ridB
    qint64 contacts = 0;        // contacts scanned
    qint64 comparisons = 0;     // pairs scored
    bool truncated = false;     // more pairs reached minScore than Options::limit (or kMaxPairs) allowed
};

// Finds likely duplicates among all contacts without comparing every contact with every other.
//
// One pass reads the contacts (a forward-only scan) into compact normalised features (DuplicateFeatures:
// ~60 bytes per contact plus its folded names and company). Then, blocking pass by blocking pass, every
// contact gets a few 64-bit blocking keys, the keys are sorted, and contacts sharing a key are scored
// (DuplicateScoring) — all pairs of a block up to Options::maxBlock members; in a bigger block (a very common
// name) each contact against its next Options::window neighbours in an order that puts similar spellings side
// by side (sorted neighbourhood). The keys:
//   - the normalised e-mail address; the phone's national digits (ImportValues::phoneKey); the whole folded
//     name ("maria jose" + "garcia" and "maria" + "jose garcia" are one key);
//   - each name token with the first letter, and with the last letter, of the other token (in both
//     orders, so a swapped first/last name meets the original): one typo changes one token, and cannot
//     change both the first and the last letter of the other, so a typo'd name shares at least one key;
//   - the company with the initials; a name of one token alone.
// Work and memory grow linearly with the number of contacts (memory: the features plus one pass's keys,
// 16 bytes each). Pairs below Options::minScore are dropped as they are found. The result is deterministic.
//
// Runs on any thread (that thread's connection of the Database); progress and cancel for the UI's worker.
class DuplicateScanner
{
    Q_DECLARE_TR_FUNCTIONS(DuplicateScanner)
public:
    struct Options
    {
        int minScore = DuplicateScoring::kDefaultMinScore;
        int limit = 0;     // keep at most the best `limit` pairs; 0 = up to kMaxPairs
        int maxBlock = 40; // blocks up to this size: every pair
        int window = 12;   // bigger blocks: each contact with the next `window - 1`
        // Called every few thousand contacts with the work done and the work in all (both grow by the
        // number of contacts for the read and for each blocking pass).
        std::function<void(qint64 done, qint64 total)> progress;
        const std::atomic_bool* cancel = nullptr; // set it (from any thread) to stop: returns Cancelled
    };
    static constexpr int kMaxPairs = 2'000'000;

    explicit DuplicateScanner(Database& db)
        : m_db(db)
    {}

    Result<DuplicateScanResult> scan(const Options& options);

private:
    Database& m_db;
};

} // namespace outpost
