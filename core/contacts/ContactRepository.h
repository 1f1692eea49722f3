#pragma once

#include "contacts/Contact.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace outpost {

class Database;

// What a contacts list shows of one row.
struct ContactListRow
{
    qint64 rid = 0;
    QString id;
    QString sortKey;
    QString firstName;
    QString lastName;
    QString company;
    QString email;
    QString phone;
    QString city;
    QString country;

    QString displayName() const { return Contact::displayNameFor(firstName, lastName, company, email); }
};

// A position in the name order (sort key, then the local row id), for keyset paging.
struct ContactCursor
{
    QString sortKey;
    qint64 rid = 0;
};

// Search text as the user typed it, turned into a full-text query: every word is a prefix, all must
// match (in a name, e-mail, company, city, tag, phone or the notes); a phone-like entry matches the digits
// of the number. "#tag" keeps the contacts having exactly that tag ("müller #vip #key account": the words
// "müller", and the tags "vip" and "key account").
// A word shorter than kNotesMinLetters matches only the folded names, e-mail, company, city and tags
// (`search_text:w*`), not the notes or the phone digits: the one- and two-letter prefixes of every column
// are most of the index, and reading them to find the notes among them cost the list 80 ms at 1,000,000
// contacts. Both search strategies follow the rule, so they return the same rows.
struct ContactQuery
{
    static constexpr int kNotesMinLetters = 3;

    QString text;
    QString match;     // FTS4 MATCH expression; empty = everything
    QStringList words; // folded word prefixes ("mar", "sch"), or the phone digits for a phone search
    QStringList tags;  // exact tags (compared case-insensitively)
    bool phone = false;

    bool isEmpty() const { return match.isEmpty(); }
    static ContactQuery parse(const QString& userText);
};

// Reads contacts. All writes go through the contact mutators (ContactMutators.h), except the bulk
// loader used by demo data.
class ContactRepository
{
    Q_DECLARE_TR_FUNCTIONS(ContactRepository)
public:
    explicit ContactRepository(Database& db) : m_db(db) {}

    Result<std::optional<Contact>> find(const QString& id);
    Result<qint64> count();
    Result<QList<ContactListRow>> pageAt(qint64 offset, int limit);
    Result<QList<ContactListRow>> pageAfter(const ContactCursor& after, int limit);
    // The `limit` rows just before `before`, in name order (for scrolling upward without an OFFSET scan).
    Result<QList<ContactListRow>> pageBefore(const ContactCursor& before, int limit);
    // Where a contact stands in name order (0-based), or -1 if it does not exist.
    Result<qint64> positionOf(const QString& id);

    // Matches in name order, after `after` if given. A capped count of the full-text matches decides
    // how: up to SearchThresholds::sparse, fetch them all and sort; beyond, walk the name index testing
    // the folded words directly.
    Result<QList<ContactListRow>> search(const ContactQuery& query, const std::optional<ContactCursor>& after,
                                         int limit);
    Result<qint64> searchCount(const ContactQuery& query);

    // The contacts a segment matches, in name order, after `after` if given (`where`/`binds`: a compiled
    // SegmentFilter::Sql).
    Result<QList<ContactListRow>> segmentPage(const QString& where, const QVariantList& binds,
                                              const std::optional<ContactCursor>& after, int limit);

    // Where search() switches strategy; the default suits a million contacts.
    struct SearchThresholds
    {
        int sparse = 20000;
    };
    void setSearchThresholds(SearchThresholds t) { m_thresholds = t; }

    // Inserts many contacts in one transaction without going through mutations (demo data and
    // benchmarks). Ids must be set. Returns the number inserted.
    Result<qint64> insertBulk(const QList<Contact>& contacts, const QString& updatedBy);

private:
    Database& m_db;
    SearchThresholds m_thresholds;
};

} // namespace outpost
