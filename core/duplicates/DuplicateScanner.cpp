#include "duplicates/DuplicateScanner.h"

#include "storage/Database.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <string>
#include <vector>

namespace outpost {

Q_LOGGING_CATEGORY(lcDuplicates, "outpost.duplicates", QtInfoMsg)

namespace {

constexpr size_t kMaxToken = 255; // bytes kept of a folded name or company (longer ones are cut)
constexpr int kCheckEvery = 4096; // rows or keys between progress reports and cancel checks
constexpr int kPasses = 4;        // blocking passes after the read

// One contact's features, its text in the shared arena.
struct Record
{
    qint64 rid = 0;
    quint64 email = 0;
    quint64 phone = 0;
    quint64 address = 0;
    quint32 text = 0; // offset of first | last | company in the arena
    quint8 firstLen = 0;
    quint8 lastLen = 0;
    quint8 companyLen = 0;
    quint16 callingCode = 0;
};

// A blocking key: contacts with the same key are compared; `order` sorts a big block so that similar
// spellings are neighbours.
struct Entry
{
    quint64 key;
    quint32 order;
    quint32 idx;
    bool operator<(const Entry& o) const
    {
        if (key != o.key)
            return key < o.key;
        if (order != o.order)
            return order < o.order;
        return idx < o.idx;
    }
};

struct Found
{
    quint32 a;
    quint32 b;
    quint32 reasons;
    quint8 score;
    quint8 similarity;
};

// The first four bytes, big-endian, so that integer order is the strings' byte order.
quint32 pack4(std::string_view s)
{
    quint32 v = 0;
    for (size_t i = 0; i < 4; ++i)
        v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
    return v;
}

// The last four bytes reversed: orders by how the strings end.
quint32 pack4Reversed(std::string_view s)
{
    quint32 v = 0;
    for (size_t i = 0; i < 4; ++i)
        v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[s.size() - 1 - i]) : 0u);
    return v;
}

class Scan
{
public:
    Scan(const DuplicateScanner::Options& options)
        : m_options(options)
    {
        m_cap = options.limit > 0 ? std::min(options.limit, DuplicateScanner::kMaxPairs)
                                  : DuplicateScanner::kMaxPairs;
    }

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed); }

    void reserve(qint64 n)
    {
        m_records.reserve(static_cast<size_t>(std::max<qint64>(n, 0)));
        m_arena.reserve(static_cast<size_t>(std::max<qint64>(n, 0)) * 24);
    }

    void add(qint64 rid, const DuplicateFeatures& f)
    {
        Record r;
        r.rid = rid;
        r.email = f.email;
        r.phone = f.phone;
        r.address = f.address;
        r.callingCode = f.callingCode;
        r.text = static_cast<quint32>(m_arena.size());
        auto put = [&](const std::string& s) {
            const size_t n = std::min(s.size(), kMaxToken);
            m_arena.append(s.data(), n);
            return static_cast<quint8>(n);
        };
        r.firstLen = put(f.first);
        r.lastLen = put(f.last);
        r.companyLen = put(f.company);
        m_records.push_back(r);
    }

    size_t size() const { return m_records.size(); }
    bool arenaFull() const { return m_arena.size() > 0xF0000000u; }

    std::string_view first(const Record& r) const { return {m_arena.data() + r.text, r.firstLen}; }
    std::string_view last(const Record& r) const { return {m_arena.data() + r.text + r.firstLen, r.lastLen}; }
    std::string_view company(const Record& r) const
    {
        return {m_arena.data() + r.text + r.firstLen + r.lastLen, r.companyLen};
    }
    DuplicateFeatureView view(const Record& r) const
    {
        return {first(r), last(r), company(r), r.email, r.phone, r.address, r.callingCode};
    }

    // Fills `entries` with the keys of blocking pass `pass`.
    void keys(int pass, std::vector<Entry>& entries)
    {
        entries.clear();
        std::string buf;
        auto hashed = [&](char tag, std::string_view a, std::string_view b) {
            buf.clear();
            buf += tag;
            buf.append(a.data(), a.size());
            buf += '\x1f';
            buf.append(b.data(), b.size());
            return DuplicateScoring::hashBytes(buf);
        };
        for (quint32 i = 0; i < m_records.size(); ++i) {
            const Record& r = m_records[i];
            const std::string_view f = first(r), l = last(r), c = company(r);
            switch (pass) {
            case 0: // identifiers and the whole name
                if (r.email)
                    entries.push_back({r.email ^ 0x9e3779b97f4a7c15ull, pack4(l), i});
                if (r.phone)
                    entries.push_back({r.phone ^ 0xc2b2ae3d27d4eb4full, pack4(l), i});
                if (!f.empty() || !l.empty()) {
                    buf.clear();
                    buf += 'W';
                    buf.append(f.data(), f.size());
                    buf.append(l.data(), l.size());
                    entries.push_back({DuplicateScoring::hashBytes(buf), pack4(c), i});
                }
                break;
            case 1: // each token with the other's first letter
                if (!f.empty() && !l.empty()) {
                    entries.push_back({hashed('I', f, l.substr(0, 1)), pack4(l), i});
                    entries.push_back({hashed('I', l, f.substr(0, 1)), pack4(f), i});
                }
                break;
            case 2: // each token with the other's last letter
                if (!f.empty() && !l.empty()) {
                    entries.push_back({hashed('L', f, l.substr(l.size() - 1)), pack4Reversed(l), i});
                    entries.push_back({hashed('L', l, f.substr(f.size() - 1)), pack4Reversed(f), i});
                }
                break;
            default: // company with initials, a lone name token, the street address
                if (!c.empty()) {
                    buf.clear();
                    buf += f.substr(0, 1);
                    buf += l.substr(0, 1);
                    const std::string initials = buf;
                    entries.push_back({hashed('C', c, initials), pack4(l), i});
                }
                if (f.empty() != l.empty())
                    entries.push_back({hashed('S', f.empty() ? l : f, {}), pack4(c), i});
                if (r.address)
                    entries.push_back({r.address ^ 0x165667b19e3779f9ull, pack4(l), i});
                break;
            }
        }
    }

    // Sorts the keys and scores the contacts that share one. False when cancelled.
    bool runPass(std::vector<Entry>& entries, const std::function<void(qint64)>& tick)
    {
        std::sort(entries.begin(), entries.end());
        const size_t n = entries.size();
        const size_t maxBlock = static_cast<size_t>(std::max(2, m_options.maxBlock));
        const size_t window = static_cast<size_t>(std::max(2, m_options.window));
        size_t sinceCheck = 0;
        for (size_t b = 0, e = 0; b < n; b = e) {
            e = b + 1;
            while (e < n && entries[e].key == entries[b].key)
                ++e;
            const size_t size = e - b;
            for (size_t i = b; i + 1 < e; ++i) {
                const size_t end = size <= maxBlock ? e : std::min(e, i + window);
                for (size_t j = i + 1; j < end; ++j)
                    compare(entries[i].idx, entries[j].idx);
                if (++sinceCheck >= kCheckEvery) {
                    sinceCheck = 0;
                    if (cancelled())
                        return false;
                    tick(static_cast<qint64>(i));
                }
            }
        }
        tick(static_cast<qint64>(n));
        return true;
    }

    DuplicateScanResult finish()
    {
        compact(true);
        DuplicateScanResult result;
        result.contacts = static_cast<qint64>(m_records.size());
        result.comparisons = m_comparisons;
        result.truncated = m_truncated;
        result.pairs.reserve(static_cast<qsizetype>(m_found.size()));
        for (const Found& f : m_found) {
            DuplicatePair p;
            p.ridA = m_records[f.a].rid;
            p.ridB = m_records[f.b].rid;
            p.score = f.score;
            p.reasons = DuplicateReasons::fromInt(f.reasons);
            p.nameSimilarity = f.similarity;
            result.pairs.append(p);
        }
        return result;
    }

private:
    void compare(quint32 x, quint32 y)
    {
        if (x == y)
            return; // one contact under two of its keys
        const quint32 a = std::min(x, y), b = std::max(x, y);
        ++m_comparisons;
        const DuplicateFeatureView va = view(m_records[a]), vb = view(m_records[b]);
        if (DuplicateScoring::upperBound(va, vb) < m_options.minScore)
            return; // cannot reach the threshold, whatever the names' similarity
        const DuplicateMatch m = DuplicateScoring::match(va, vb);
        if (m.score < m_options.minScore)
            return;
        m_found.push_back({a, b, static_cast<quint32>(m.reasons.toInt()), static_cast<quint8>(m.score),
                           static_cast<quint8>(m.nameSimilarity)});
        if (m_found.size() >= 2 * static_cast<size_t>(m_cap) + 1024)
            compact(false);
    }

    // Drops pairs found twice (under several keys) and, beyond the cap, the weakest. Ranked at the end.
    void compact(bool final)
    {
        std::sort(m_found.begin(), m_found.end(),
                  [](const Found& l, const Found& r) { return l.a != r.a ? l.a < r.a : l.b < r.b; });
        m_found.erase(std::unique(m_found.begin(), m_found.end(),
                                  [](const Found& l, const Found& r) { return l.a == r.a && l.b == r.b; }),
                      m_found.end());
        if (!final && m_found.size() <= static_cast<size_t>(m_cap))
            return;
        std::sort(m_found.begin(), m_found.end(), [](const Found& l, const Found& r) {
            if (l.score != r.score)
                return l.score > r.score;
            return l.a != r.a ? l.a < r.a : l.b < r.b;
        });
        if (m_found.size() > static_cast<size_t>(m_cap)) {
            m_found.resize(static_cast<size_t>(m_cap));
            m_truncated = true;
        }
        if (!final) {
            // Pairs still to come may repeat these: keep them sorted by pair again for the next unique.
            std::sort(m_found.begin(), m_found.end(),
                      [](const Found& l, const Found& r) { return l.a != r.a ? l.a < r.a : l.b < r.b; });
        }
    }

    const DuplicateScanner::Options& m_options;
    int m_cap = 0;
    std::vector<Record> m_records;
    std::string m_arena;
    std::vector<Found> m_found;
    qint64 m_comparisons = 0;
    bool m_truncated = false;
};

} // namespace

Result<DuplicateScanResult> DuplicateScanner::scan(const Options& options)
{
    if (options.minScore < 0 || options.minScore > 100)
        return Error(ErrorCode::InvalidArgument, tr("The minimum score must be between 0 and 100."));
    if (options.limit < 0)
        return Error(ErrorCode::InvalidArgument, tr("The limit must be zero (no limit) or more."));
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase conn = m_db.connection();
    if (!conn.isOpen())
        return m_db.lastConnectionError();
    const Error cancelError(ErrorCode::Cancelled, tr("The duplicate scan was cancelled."));
    Scan scan(options);

    qint64 expected = 0;
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")))
            return Error(ErrorCode::Database,
                         tr("Could not count the contacts: %1").arg(q.lastError().text()));
        if (q.next())
            expected = q.value(0).toLongLong();
    }
    scan.reserve(expected);
    qint64 total = expected * (1 + kPasses);
    auto report = [&](qint64 done) {
        if (options.progress)
            options.progress(std::min(done, total), total);
    };

    // 1. Read every contact once, in row order, into compact features.
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral(
                "SELECT rid, first_name, last_name, email, phone, company, street, postal_code "
                "FROM contacts ORDER BY rid")))
            return Error(ErrorCode::Database,
                         tr("Could not read the contacts: %1").arg(q.lastError().text()));
        qint64 read = 0;
        while (q.next()) {
            scan.add(q.value(0).toLongLong(),
                     DuplicateFeatures::of(q.value(1).toString(), q.value(2).toString(),
                                           q.value(3).toString(), q.value(4).toString(),
                                           q.value(5).toString(), q.value(6).toString(),
                                           q.value(7).toString()));
            if (++read % kCheckEvery == 0) {
                if (scan.cancelled())
                    return cancelError;
                if (scan.arenaFull())
                    return Error(ErrorCode::Unknown, tr("There are too many contacts to scan at once."));
                report(read);
            }
        }
        if (q.lastError().isValid())
            return Error(ErrorCode::Database,
                         tr("Could not read the contacts: %1").arg(q.lastError().text()));
    }
    const qint64 n = static_cast<qint64>(scan.size());
    total = n * (1 + kPasses); // the count kept by triggers is only the estimate for the read
    const qint64 readMs = timer.elapsed();
    report(n);

    // 2. The blocking passes, one at a time (only one pass's keys are held).
    std::vector<Entry> entries;
    for (int pass = 0; pass < kPasses; ++pass) {
        scan.keys(pass, entries);
        const qint64 base = n * (1 + pass);
        const double perEntry = entries.empty() ? 0.0 : double(n) / double(entries.size());
        if (!scan.runPass(entries,
                          [&](qint64 doneEntries) { report(base + qint64(double(doneEntries) * perEntry)); }))
            return cancelError;
    }
    std::vector<Entry>().swap(entries);

    DuplicateScanResult result = scan.finish();
    report(total);
    qCDebug(lcDuplicates) << "scanned" << result.contacts << "contacts," << result.comparisons
                          << "comparisons," << result.pairs.size() << "pairs in" << timer.elapsed()
                          << "ms (reading" << readMs << "ms)";
    return result;
}

} // namespace outpost
