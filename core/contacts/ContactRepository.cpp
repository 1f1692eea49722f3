#include "contacts/ContactRepository.h"

#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactSql.h"
#include "storage/Database.h"
#include "storage/SqlExec.h"
#include "storage/Transaction.h"
#include "util/TextFold.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kListColumns = QStringLiteral(
    "c.rid, c.id, c.sort_key, c.first_name, c.last_name, c.company, c.email, c.phone, c.city, c.country");



ContactListRow readListRow(const QSqlQuery& q)
{
    ContactListRow r;
    r.rid = q.value(0).toLongLong();
    r.id = q.value(1).toString();
    r.sortKey = q.value(2).toString();
    r.firstName = q.value(3).toString();
    r.lastName = q.value(4).toString();
    r.company = q.value(5).toString();
    r.email = q.value(6).toString();
    r.phone = q.value(7).toString();
    r.city = q.value(8).toString();
    r.country = q.value(9).toString();
    return r;
}

// Runs a list query with positional binds and reads its rows.
Result<QList<ContactListRow>> listQuery(QSqlDatabase db, const QString& sql, const QVariantList& binds, int limit,
                                        const char* what)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error(ErrorCode::Database, ContactRepository::tr(what).arg(q.lastError().text()));
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return Error(ErrorCode::Database, ContactRepository::tr(what).arg(q.lastError().text()));
    QList<ContactListRow> rows;
    rows.reserve(limit);
    while (q.next())
        rows.append(readListRow(q));
    return rows;
}

bool isPhoneLike(const QString& text, int* digits)
{
    int n = 0;
    for (QChar c : text) {
        if (c.isDigit())
            ++n;
        else if (!QStringLiteral(" +-()/.").contains(c))
            return false;
    }
    *digits = n;
    return n > 0;
}

// The tag condition of a query: each tag must be one of the row's comma-separated tags.
QString tagFilter(const ContactQuery& query, QVariantList* binds)
{
    QString sql;
    for (const QString& tag : query.tags) {
        sql += QStringLiteral(" AND (',' || c.tags || ',') LIKE ? ESCAPE '\\'");
        *binds << QString(QLatin1String("%,") + likeLiteral(tag) + QLatin1String(",%"));
    }
    return sql;
}

bool searchesNotes(const QString& word)
{
    return word.size() >= ContactQuery::kNotesMinLetters;
}

} // namespace

ContactQuery ContactQuery::parse(const QString& userText)
{
    ContactQuery q;
    q.text = userText;
    QStringList parts = userText.split(QLatin1Char('#'));
    const QString trimmed = parts.takeFirst().trimmed();
    for (const QString& part : std::as_const(parts)) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !q.tags.contains(tag, Qt::CaseInsensitive))
            q.tags << tag;
    }
    // A tag's words are words of the search text: the full-text index narrows, the tag list decides.
    QStringList tagTerms;
    for (const QString& tag : std::as_const(q.tags))
        tagTerms << foldedWords(tag);
    auto withTags = [&] {
        if (!tagTerms.isEmpty())
            q.match = (q.match.isEmpty() ? QString() : q.match + QLatin1Char(' ')) + tagTerms.join(QLatin1Char(' '));
    };
    if (trimmed.isEmpty()) {
        withTags();
        return q;
    }

    int digitCount = 0;
    if (isPhoneLike(trimmed, &digitCount) && digitCount >= 3) {
        QString digits;
        for (QChar c : trimmed)
            if (c.isDigit())
                digits += c;
        if (trimmed.startsWith(QLatin1String("00")))
            digits = digits.mid(2);
        q.match = QStringLiteral("phone_search:") + digits + QLatin1Char('*');
        q.words = QStringList{digits};
        q.phone = true;
        withTags();
        return q;
    }

    QStringList terms;
    QString current;
    auto flush = [&] {
        // Folding can itself produce separators (rarely); split the same way the index does.
        q.words << foldedWords(current);
        current.clear();
    };
    for (QChar c : trimmed) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing)
            current += c;
        else
            flush();
    }
    flush();
    // Short words leave the notes (and the phone digits) out: see ContactQuery::kNotesMinLetters.
    for (const QString& w : std::as_const(q.words))
        terms << (searchesNotes(w) ? QString() : QStringLiteral("search_text:")) + w + QLatin1Char('*');
    q.match = terms.join(QLatin1Char(' '));
    withTags();
    return q;
}

Result<std::optional<Contact>> ContactRepository::find(const QString& id)
{
    QSqlDatabase conn = m_db.connection();
    auto row = contactsql::loadRow(conn, id);
    if (!row)
        return Error(ErrorCode::Database, tr("Could not read the contact: %1").arg(row.message()));
    if (!row->has_value())
        return std::optional<Contact>();
    Contact c = std::move(row->value().contact);
    c.createdAt = row->value().meta.createdAt;
    c.updatedAt = row->value().meta.updatedAt;
    c.updatedBy = row->value().meta.updatedBy;
    return std::optional<Contact>(std::move(c));
}

Result<qint64> ContactRepository::count()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not count contacts: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<QList<ContactListRow>> ContactRepository::pageAt(qint64 offset, int limit)
{
    return listQuery(m_db.connection(),
                     QStringLiteral("SELECT ") + kListColumns
                         + QStringLiteral(" FROM contacts c ORDER BY c.sort_key, c.rid LIMIT ? OFFSET ?"),
                     {limit, offset}, limit, QT_TR_NOOP("Could not read contacts: %1"));
}

Result<QList<ContactListRow>> ContactRepository::segmentPage(const QString& where, const QVariantList& binds,
                                                             const std::optional<ContactCursor>& after, int limit)
{
    QVariantList all = binds;
    QString keyset;
    if (after) {
        keyset = QStringLiteral(" AND c.sort_key >= ? AND (c.sort_key > ? OR c.rid > ?)");
        all << after->sortKey << after->sortKey << after->rid;
    }
    all << limit;
    return listQuery(m_db.connection(),
                     QStringLiteral("SELECT ") + kListColumns + QStringLiteral(" FROM contacts c WHERE (") + where
                         + QLatin1Char(')') + keyset + QStringLiteral(" ORDER BY c.sort_key, c.rid LIMIT ?"),
                     all, limit, QT_TR_NOOP("Could not read the segment's contacts: %1"));
}

Result<QList<ContactListRow>> ContactRepository::pageAfter(const ContactCursor& after, int limit)
{
    return listQuery(m_db.connection(),
                     QStringLiteral("SELECT ") + kListColumns
                         + QStringLiteral(" FROM contacts c WHERE c.sort_key >= ? AND (c.sort_key > ? OR c.rid > ?) "
                                          "ORDER BY c.sort_key, c.rid LIMIT ?"),
                     {after.sortKey, after.sortKey, after.rid, limit}, limit, QT_TR_NOOP("Could not read contacts: %1"));
}

Result<QList<ContactListRow>> ContactRepository::pageBefore(const ContactCursor& before, int limit)
{
    auto rows = listQuery(m_db.connection(),
                          QStringLiteral("SELECT ") + kListColumns
                              + QStringLiteral(" FROM contacts c WHERE c.sort_key <= ? AND (c.sort_key < ? OR c.rid < ?) "
                                               "ORDER BY c.sort_key DESC, c.rid DESC LIMIT ?"),
                          {before.sortKey, before.sortKey, before.rid, limit}, limit,
                          QT_TR_NOOP("Could not read contacts: %1"));
    if (rows)
        std::reverse(rows->begin(), rows->end());
    return rows;
}

Result<qint64> ContactRepository::positionOf(const QString& id)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT sort_key, rid FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not find the contact: %1").arg(q.lastError().text()));
    if (!q.next())
        return qint64(-1);
    const QString key = q.value(0).toString();
    const qint64 rid = q.value(1).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE sort_key < ? OR (sort_key = ? AND rid < ?)"));
    q.addBindValue(key);
    q.addBindValue(key);
    q.addBindValue(rid);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not find the contact: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<QList<ContactListRow>> ContactRepository::search(const ContactQuery& query,
                                                        const std::optional<ContactCursor>& after, int limit)
{
    if (query.isEmpty())
        return after ? pageAfter(*after, limit) : pageAt(0, limit);

    QSqlDatabase conn = m_db.connection();
    QSqlQuery probe(conn);
    probe.setForwardOnly(true);
    probe.prepare(QStringLiteral("SELECT count(*) FROM (SELECT docid FROM contacts_fts WHERE contacts_fts MATCH ? "
                                 "LIMIT %1)")
                      .arg(m_thresholds.sparse + 1));
    probe.addBindValue(query.match);
    if (!probe.exec() || !probe.next())
        return Error(ErrorCode::Database, tr("Could not search contacts: %1").arg(probe.lastError().text()));
    const int matches = probe.value(0).toInt();
    probe.finish();

    // Unqualified columns resolve to the contacts table in both queries below.
    const QString keyset = after ? QStringLiteral(" AND sort_key >= ? AND (sort_key > ? OR rid > ?)") : QString();
    QString sql;
    QVariantList binds;
    if (matches <= m_thresholds.sparse || query.phone) {
        binds << query.match;
        // Up to tens of thousands: sort all of them by name using only the narrow (rid, sort_key)
        // index, which stays in the page cache, then read the full rows of one page. The cross
        // joins keep SQLite from walking the name index instead, which is ruinous when matches
        // cluster late in name order (every "Zimmermann" sits near the end).
        sql = QStringLiteral("SELECT ") + kListColumns
              + QStringLiteral(" FROM (SELECT c.rid AS rid FROM (SELECT docid FROM contacts_fts WHERE contacts_fts "
                               "MATCH ?) m CROSS JOIN contacts c INDEXED BY contacts_rank ON c.rid = m.docid WHERE 1")
              + tagFilter(query, &binds) + keyset
              + QStringLiteral(" ORDER BY c.sort_key, c.rid LIMIT ?) p CROSS JOIN contacts c ON c.rid = p.rid "
                               "ORDER BY c.sort_key, c.rid");
    } else {
        // Very many (over 2% of a million): they are spread through the name order (first names,
        // e-mail domains), so walking the covering name index and testing the folded words finds a
        // page within a few thousand entries; only that page's rows are read from the table. Notes are
        // not in that index: a word of kNotesMinLetters or more that is not in search_text may be in the
        // notes, which the full-text index answers (its set of matches is built once per query, only if some
        // entry needs it). Shorter words do not search the notes, as in the MATCH expression.
        QStringList likes{QStringLiteral("1")};
        for (const QString& w : query.words) {
            binds << QString(QLatin1String("% ") + w + QLatin1Char('%')); // a word starting with w
            if (!searchesNotes(w)) {
                likes << QStringLiteral("(' ' || search_text) LIKE ?");
                continue;
            }
            likes << QStringLiteral("((' ' || search_text) LIKE ? OR rid IN (SELECT docid FROM contacts_fts WHERE "
                                    "contacts_fts MATCH ?))");
            binds << QString(QLatin1String("notes:") + w + QLatin1Char('*'));
        }
        sql = QStringLiteral("SELECT ") + kListColumns
              + QStringLiteral(" FROM (SELECT rid FROM contacts c INDEXED BY contacts_sort WHERE ")
              + likes.join(QLatin1String(" AND ")) + tagFilter(query, &binds) + keyset
              + QStringLiteral(" ORDER BY sort_key, rid LIMIT ?) m CROSS JOIN contacts c ON c.rid = m.rid "
                               "ORDER BY c.sort_key, c.rid");
    }
    if (after)
        binds << after->sortKey << after->sortKey << after->rid;
    binds << limit;
    return listQuery(conn, sql, binds, limit, QT_TR_NOOP("Could not search contacts: %1"));
}

Result<qint64> ContactRepository::searchCount(const ContactQuery& query)
{
    if (query.isEmpty())
        return count();
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QVariantList binds{query.match};
    const QString tags = tagFilter(query, &binds);
    q.prepare(tags.isEmpty() ? QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?")
                             : QStringLiteral("SELECT count(*) FROM contacts_fts CROSS JOIN contacts c ON c.rid = "
                                              "contacts_fts.docid WHERE contacts_fts MATCH ?") + tags);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not count matches: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<qint64> ContactRepository::insertBulk(const QList<Contact>& contacts, const QString& updatedBy)
{
    ContactBulkLoader loader(m_db, contacts.size(), updatedBy);
    if (Status s = loader.start(); !s)
        return s.error();
    if (Status s = loader.add(contacts); !s)
        return s.error();
    if (Status s = loader.finish(); !s)
        return s.error();
    return loader.added();
}

} // namespace outpost
