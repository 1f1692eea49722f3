#include "importexport/ContactImporter.h"

#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactMutators.h"
#include "contacts/ContactSql.h"
#include "importexport/DeferredContactIndex.h"
#include "importexport/ImportValues.h"
#include "io/CsvReader.h"
#include "io/CsvWriter.h"
#include "io/TextDecoder.h"
#include "io/VCardReader.h"
#include "mutations/MutationEngine.h"
#include "storage/Database.h"
#include "storage/ScopedPageCache.h"
#include "storage/SqlExec.h"
#include "util/JsonText.h"
#include "util/Uuid.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <deque>
#include <functional>
#include <optional>
#include <climits>
#include <utility>
#include <vector>

namespace outpost {

Q_LOGGING_CATEGORY(lcImport, "outpost.import", QtInfoMsg)

namespace {

constexpr int kProgressEvery = 256;
constexpr int kDecideIndexesAfter = 512; // records read before the file's size in records is estimated

QString lineReason(qint64 line, const QString& reason)
{
    return ContactImporter::tr("Line %1: %2").arg(line).arg(reason);
}

// Cleans and validates the values of one row; returns the problem, or empty when it can be imported.
QString finishFields(QHash<QString, QString>* fields)
{
    if (auto it = fields->find(QStringLiteral("email")); it != fields->end())
        *it = ImportValues::cleanEmail(*it);
    if (auto it = fields->find(QStringLiteral("phone")); it != fields->end())
        *it = ImportValues::cleanPhone(*it);
    if (auto it = fields->find(QStringLiteral("country")); it != fields->end()) {
        const QString code = ImportValues::countryCode(*it);
        if (code.isEmpty()) {
            // Not a country we can name by code: keep what the file said in the notes.
            const QString line = ImportValues::tr("Country: %1").arg(*it);
            fields->erase(it);
            QString& notes = (*fields)[QStringLiteral("notes")];
            notes = notes.isEmpty() ? line : notes + QLatin1Char('\n') + line;
        } else {
            *it = code;
        }
    }
    for (auto it = fields->begin(); it != fields->end();) {
        if (it.value().isEmpty()) {
            it = fields->erase(it);
            continue;
        }
        const QString problem = ContactValidation::problemWith(it.key(), it.value());
        if (!problem.isEmpty())
            return problem;
        ++it;
    }
    if (fields->value(QStringLiteral("firstName")).isEmpty() && fields->value(QStringLiteral("lastName")).isEmpty()
        && fields->value(QStringLiteral("company")).isEmpty() && fields->value(QStringLiteral("email")).isEmpty())
        return ContactImporter::tr("there is no name, company or e-mail address, so there is nothing to call the "
                                   "contact by.");
    return {};
}

QHash<QString, QString> csvFields(const ColumnMapping& mapping, const QStringList& record)
{
    ImportValues::Row row;
    for (int i = 0; i < record.size() && i < mapping.columnCount(); ++i) {
        const QString field = mapping.fieldFor(i);
        if (!field.isEmpty())
            row.add(field, record.at(i));
    }
    return row.fields();
}

template <typename T>
QList<T> byPreference(QList<T> items)
{
    std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) {
        return (a.preference > 0 ? a.preference : INT_MAX) < (b.preference > 0 ? b.preference : INT_MAX);
    });
    return items;
}

QString typeLabel(const QStringList& types, const QString& label)
{
    if (!label.isEmpty())
        return label;
    QStringList t = types;
    t.removeAll(QStringLiteral("voice"));
    t.removeAll(QStringLiteral("internet"));
    return t.join(QStringLiteral(", "));
}

QHash<QString, QString> vcardFields(const VCard& card)
{
    ImportValues::Row row;
    const VCard::Name n = card.name();
    const VCard::Organization org = card.organization();
    QString first = QStringList{n.given, n.additional}.join(QLatin1Char(' ')).trimmed();
    QString last = n.family.trimmed();
    if (!card.property(QStringLiteral("N"))) {
        // No N (allowed in 4.0): split the formatted name at its last space, unless it is an e-mail or
        // just the organisation's name (a company's card).
        const VCardProperty* fn = card.property(QStringLiteral("FN"));
        const QString full = fn ? fn->text().trimmed() : QString();
        if (!full.isEmpty() && !full.contains(QLatin1Char('@'))
            && full.compare(org.name.trimmed(), Qt::CaseInsensitive) != 0) {
            const int space = full.lastIndexOf(QLatin1Char(' '));
            first = space > 0 ? full.left(space) : full;
            last = space > 0 ? full.mid(space + 1) : QString();
        }
    }
    row.add(QStringLiteral("firstName"), first);
    row.add(QStringLiteral("lastName"), last);
    row.add(QStringLiteral("company"), org.name);
    const QString note = card.note();
    if (!note.trimmed().isEmpty())
        row.add(QStringLiteral("notes"), note);
    for (const VCard::Email& e : byPreference(card.emails()))
        row.add(QStringLiteral("email"), ImportValues::cleanEmail(e.address), typeLabel(e.types, e.label));
    for (const VCard::Phone& p : byPreference(card.phones()))
        row.add(QStringLiteral("phone"), ImportValues::cleanPhone(p.number), typeLabel(p.types, p.label));
    const QList<VCard::Address> addresses = byPreference(card.addresses());
    for (int i = 0; i < addresses.size(); ++i) {
        const VCard::Address& a = addresses.at(i);
        const QString street = QStringList{a.street, a.extended}.join(QLatin1Char(' ')).trimmed();
        if (i == 0) {
            row.add(QStringLiteral("street"), street);
            row.add(QStringLiteral("postalCode"), a.postalCode);
            row.add(QStringLiteral("city"), a.locality);
            row.add(QStringLiteral("country"), a.country);
        } else {
            QStringList parts{street, QStringList{a.postalCode, a.locality}.join(QLatin1Char(' ')).trimmed(),
                              a.region, a.country};
            parts.removeAll(QString());
            const QString label = typeLabel(a.types, a.label);
            row.addNote(label.isEmpty() ? ContactImporter::tr("Address: %1").arg(parts.join(QStringLiteral(", ")))
                                        : ContactImporter::tr("Address (%1): %2").arg(label, parts.join(QStringLiteral(", "))));
        }
    }
    if (!card.title().trimmed().isEmpty())
        row.addNote(ContactImporter::tr("Title: %1").arg(card.title().trimmed()));
    return row.fields();
}

// A record of the file read and made ready on the reading thread (RecordFeed): everything about it that needs no
// database — its fields mapped, cleaned and checked, and as JSON for a create.
struct PreparedRecord
{
    qint64 line = 0;
    qint64 lastLine = 0;
    qint64 bytesRead = 0; // of the file, after this record
    QStringList original;
    QString readError;    // the record could not be read (e.g. an unterminated quote): this, as the reader says it
    QString problem;      // its values cannot be imported: why (finishFields)
    QHash<QString, QString> fields;
    QJsonObject json;     // `fields` as contact.create takes them
    QByteArray jsonText;  // `json`'s compact text (the outbox entry and the import's record of the row use it)
    std::optional<NewContact> created; // the contact it makes if it matches none (contact.createMany's member)
    qint64 chars = 0;     // keys and values of `fields`
    QString emailKey;     // the e-mail, lower-cased (empty: none)
    QString phoneKey;     // ImportValues::phoneKey of the phone (empty: none)
};

// A record the reader could not read.
PreparedRecord unreadable(qint64 line, qint64 lastLine, QStringList original, QString message)
{
    PreparedRecord r;
    r.line = line;
    r.lastLine = lastLine;
    r.original = std::move(original);
    r.readError = std::move(message);
    return r;
}

PreparedRecord prepareRecord(qint64 line, qint64 lastLine, QStringList original, QHash<QString, QString> fields)
{
    PreparedRecord r;
    r.line = line;
    r.lastLine = lastLine;
    r.original = std::move(original);
    r.problem = finishFields(&fields);
    if (!r.problem.isEmpty())
        return r;
    QList<std::pair<QString, QString>> members;
    members.reserve(fields.size());
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        members.append({it.key(), it.value()});
        r.chars += it.key().size() + it.value().size();
    }
    JsonTextObject json = jsonTextObject(std::move(members));
    r.json = std::move(json.object);
    r.jsonText = std::move(json.text);
    r.created = prepareNewContact(newUuidV7(), r.json, r.jsonText);
    r.emailKey = fields.value(QStringLiteral("email")).toLower();
    r.phoneKey = ImportValues::phoneKey(fields.value(QStringLiteral("phone")));
    r.fields = std::move(fields);
    return r;
}

// Reads the file's records on a thread of its own while the importing thread matches and writes them, so the
// two halves of an import (parsing, decoding, mapping and checking; the database) use both cores. Records
// come in order, a few hundred at a time, at most kMaxQueued batches ahead. The reading stops when this goes
// (a cancel, a failed write): the destructor waits for it.
class RecordFeed
{
public:
    // `read(feed)` runs on the thread: it calls feed.add() per record and returns at the end of the file, or
    // when add() says to stop.
    explicit RecordFeed(std::function<void(RecordFeed&)> read)
        : m_thread(QThread::create([this, read = std::move(read)] {
            read(*this);
            QMutexLocker locker(&m_lock);
            if (!m_batch.empty())
                m_queue.push_back(std::exchange(m_batch, {}));
            m_ended = true;
            m_changed.wakeAll();
        }))
    {
        m_thread->setObjectName(QStringLiteral("import-reader"));
        m_thread->start();
    }
    ~RecordFeed()
    {
        {
            QMutexLocker locker(&m_lock);
            m_stopped = true;
            m_changed.wakeAll();
        }
        m_thread->wait();
    }
    RecordFeed(const RecordFeed&) = delete;
    RecordFeed& operator=(const RecordFeed&) = delete;

    // On the reading thread. False: stop reading.
    bool add(PreparedRecord r)
    {
        m_batch.push_back(std::move(r));
        if (m_batch.size() < kBatch)
            return true;
        QMutexLocker locker(&m_lock);
        while (m_queue.size() >= kMaxQueued && !m_stopped)
            m_changed.wait(&m_lock);
        if (m_stopped)
            return false;
        m_queue.push_back(std::exchange(m_batch, {}));
        m_changed.wakeAll();
        return true;
    }

    // On the importing thread: the next record, or false at the end of the file (the reader has finished: its
    // status can be read).
    bool next(PreparedRecord* out)
    {
        if (m_at >= m_current.size()) {
            QMutexLocker locker(&m_lock);
            while (m_queue.empty() && !m_ended)
                m_changed.wait(&m_lock);
            if (m_queue.empty())
                return false;
            m_current = std::move(m_queue.front());
            m_queue.pop_front();
            m_at = 0;
            m_changed.wakeAll();
        }
        *out = std::move(m_current[m_at++]);
        return true;
    }

private:
    static constexpr size_t kBatch = 256;
    static constexpr size_t kMaxQueued = 16;

    QMutex m_lock;
    QWaitCondition m_changed;
    std::deque<std::vector<PreparedRecord>> m_queue;
    bool m_ended = false;   // the reader returned
    bool m_stopped = false; // the importer went away
    std::vector<PreparedRecord> m_batch;   // the reader's, not yet queued
    std::vector<PreparedRecord> m_current; // the importer's
    size_t m_at = 0;
    std::unique_ptr<QThread> m_thread;
};

QString json(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ContactImporter::tr("%1: %2").arg(what, q.lastError().text()));
}

// The import's own rows and look-ups, on the batch's connection (prepared once).
class Bookkeeping
{
public:
    // `phoneKeys`: keep the phone keys of the contacts it writes (for matching by phone). They live in a
    // temporary table, i.e. in memory (temp_store = MEMORY), so an import that does not match by phone keeps none.
    Bookkeeping(QSqlDatabase conn, bool phoneKeys)
        : m_item(conn), m_email(conn), m_phone(conn), m_phoneKeyAdd(conn), m_phoneKeyFind(conn), m_load(conn), m_conn(conn)
        , m_phoneKeys(phoneKeys)
    {
    }

    Status start(const QString& batchId, const QString& fileName, const QString& format, qint64 now, const QString& actor)
    {
        m_batchId = batchId;
        QSqlQuery q(m_conn);
        q.prepare(QStringLiteral("INSERT INTO import_batches(id, file_name, format, started_at, actor) VALUES(?,?,?,?,?)"));
        q.addBindValue(batchId);
        q.addBindValue(fileName);
        q.addBindValue(format);
        q.addBindValue(now);
        q.addBindValue(actor);
        if (!q.exec())
            return dbError(ContactImporter::tr("Could not record the import"), q);
        if (!m_item.prepare(QStringLiteral("INSERT INTO import_items(batch_id, seq, contact_id, action, before, after) "
                                           "VALUES(?,?,?,?,?,?)"))
            || !m_email.prepare(QStringLiteral("SELECT id FROM contacts WHERE email = ? COLLATE NOCASE AND email <> '' LIMIT 2"))
            || !m_phone.prepare(QStringLiteral("SELECT c.id, c.phone FROM contacts_fts f CROSS JOIN contacts c ON "
                                               "c.rid = f.docid WHERE contacts_fts MATCH ? LIMIT 20"))
            || !m_phoneKeyAdd.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS import_phone_keys (key TEXT NOT NULL, id TEXT NOT NULL)"))
            || !m_phoneKeyAdd.exec(QStringLiteral("DELETE FROM temp.import_phone_keys"))
            || !m_phoneKeyAdd.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS temp.import_phone_keys_key ON import_phone_keys(key)"))
            || !m_phoneKeyAdd.prepare(QStringLiteral("INSERT INTO temp.import_phone_keys(key, id) VALUES(?,?)"))
            || !m_phoneKeyFind.prepare(QStringLiteral("SELECT k.id, c.phone FROM temp.import_phone_keys k CROSS JOIN "
                                                      "contacts c ON c.id = k.id WHERE k.key = ?"))
            || !m_load.prepare(QStringLiteral("SELECT ") + contactsql::columnNames().join(QStringLiteral(", "))
                               + QStringLiteral(" FROM contacts WHERE id = ?")))
            return Error(ErrorCode::Database, ContactImporter::tr("Could not prepare the import: %1")
                                                  .arg(m_conn.lastError().text()));
        return {};
    }

    Status addItem(const QString& contactId, bool created, const QJsonObject& before, const QJsonObject& after)
    {
        return addItem(contactId, created, before, after, json(after));
    }

    // `afterJson`: `after`'s compact text.
    Status addItem(const QString& contactId, bool created, const QJsonObject& before, const QJsonObject& after,
                   const QString& afterJson)
    {
        const QString phoneKey =
            m_phoneKeys ? ImportValues::phoneKey(after.value(QStringLiteral("phone")).toString()) : QString();
        if (!phoneKey.isEmpty() && phoneKey != ImportValues::phoneKey(before.value(QStringLiteral("phone")).toString())) {
            PositionalBinder(m_phoneKeyAdd) << phoneKey << contactId;
            if (!m_phoneKeyAdd.exec())
                return dbError(ContactImporter::tr("Could not record the import"), m_phoneKeyAdd);
        }
        PositionalBinder(m_item) << m_batchId << ++m_seq << contactId
                                 << (created ? QStringLiteral("created") : QStringLiteral("updated"))
                                 << (created ? QVariant() : QVariant(json(before))) << afterJson;
        if (!m_item.exec())
            return dbError(ContactImporter::tr("Could not record the import"), m_item);
        return {};
    }

    Status finish(const ImportReport& r, qint64 now)
    {
        QSqlQuery q(m_conn);
        q.prepare(QStringLiteral("UPDATE import_batches SET finished_at = ?, created = ?, updated = ?, skipped = ?, "
                                 "rejected = ? WHERE id = ?"));
        q.addBindValue(now);
        q.addBindValue(r.created);
        q.addBindValue(r.updated);
        q.addBindValue(r.skipped);
        q.addBindValue(r.rejected);
        q.addBindValue(m_batchId);
        if (!q.exec())
            return dbError(ContactImporter::tr("Could not record the import"), q);
        return {};
    }

    // Ids of existing contacts with this e-mail (at most 2: one is a match, two are ambiguous).
    Result<QStringList> byEmail(const QString& email)
    {
        QStringList ids;
        m_email.bindValue(0, email.trimmed());
        if (!m_email.exec())
            return dbError(ContactImporter::tr("Could not look for matching contacts"), m_email);
        while (m_email.next())
            ids << m_email.value(0).toString();
        m_email.finish();
        return ids;
    }

    Result<QStringList> byPhone(const QString& phone)
    {
        QStringList ids;
        const QString key = ImportValues::phoneKey(phone);
        if (key.isEmpty())
            return ids;
        m_phone.addBindValue(QString(QStringLiteral("phone_search:") + key));
        if (!m_phone.exec())
            return dbError(ContactImporter::tr("Could not look for matching contacts"), m_phone);
        while (m_phone.next()) {
            if (ImportValues::phoneKey(m_phone.value(1).toString()) == key)
                ids << m_phone.value(0).toString();
        }
        m_phone.finish();
        // The full-text index catches up only at the end of the import (DeferredContactIndex): numbers
        // this import wrote are looked up here.
        m_phoneKeyFind.addBindValue(key);
        if (!m_phoneKeyFind.exec())
            return dbError(ContactImporter::tr("Could not look for matching contacts"), m_phoneKeyFind);
        while (m_phoneKeyFind.next()) {
            if (ImportValues::phoneKey(m_phoneKeyFind.value(1).toString()) == key)
                ids << m_phoneKeyFind.value(0).toString();
        }
        m_phoneKeyFind.finish();
        ids.removeDuplicates();
        return ids;
    }

    Result<std::optional<Contact>> load(const QString& id)
    {
        m_load.bindValue(0, id);
        if (!m_load.exec())
            return dbError(ContactImporter::tr("Could not read a matching contact"), m_load);
        if (!m_load.next())
            return std::optional<Contact>();
        Contact c;
        c.id = id;
        const QStringList& names = Contact::fieldNames();
        for (int i = 0; i < names.size(); ++i)
            c.setField(names.at(i), m_load.value(i).toString());
        m_load.finish();
        return std::optional<Contact>(std::move(c));
    }

private:
    QSqlQuery m_item, m_email, m_phone, m_phoneKeyAdd, m_phoneKeyFind, m_load;
    QSqlDatabase m_conn;
    QString m_batchId;
    qint64 m_seq = 0;
    bool m_phoneKeys = false;
};

// Writes rejected records to the error file.
class ErrorFile
{
public:
    Status open(const QString& path, const QStringList& header)
    {
        if (path.isEmpty())
            return {};
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Error(ErrorCode::Io, ContactImporter::tr("Could not write the error file %1: %2")
                                            .arg(path, m_file.errorString()));
        CsvWriter::Options o;
        o.writeBom = true;
        m_writer = std::make_unique<CsvWriter>(&m_file, o);
        m_columns = header.size();
        return m_writer->writeRecord(QStringList(header) << ContactImporter::tr("Line") << ContactImporter::tr("Error"));
    }
    Status write(const ImportRejection& r)
    {
        if (!m_writer)
            return {};
        QStringList fields = r.fields;
        while (fields.size() < m_columns)
            fields << QString();
        return m_writer->writeRecord(fields << QString::number(r.line) << r.reason);
    }
    Status close()
    {
        if (!m_writer)
            return {};
        Status s = m_writer->flush();
        m_writer.reset();
        m_file.close();
        return s;
    }
    void discard()
    {
        if (!m_writer)
            return;
        m_writer.reset();
        m_file.remove();
    }

private:
    QFile m_file;
    std::unique_ptr<CsvWriter> m_writer;
    qsizetype m_columns = 0;
};

// The part of an import shared by both formats: per row, match, then create or update, then record.
class Run
{
public:
    Run(MutationBatch& batch, const ContactImporter::Options& options, ImportReport& report, ErrorFile& errors)
        : m_batch(batch), m_options(options), m_report(report), m_errors(errors), m_book(batch.connection(), options.matchPhone)
    {
    }

    Bookkeeping& book() { return m_book; }

    Status reject(qint64 line, qint64 lastLine, const QStringList& fields, const QString& reason)
    {
        ImportRejection r{line, lastLine, fields, reason};
        ++m_report.rejected;
        if (m_report.rejections.size() < m_options.maxListedRejections)
            m_report.rejections.append(r);
        return m_errors.write(r);
    }

    // Fails only on errors that end the import (database, I/O); a bad row is rejected and reported.
    Status row(PreparedRecord& r)
    {
        if (!r.readError.isEmpty())
            return reject(r.line, r.lastLine, r.original, r.readError);
        if (!r.problem.isEmpty())
            return reject(r.line, r.lastLine, r.original, lineReason(r.line, r.problem));

        QStringList matches;
        const QString email = r.fields.value(QStringLiteral("email"));
        const QString phone = r.fields.value(QStringLiteral("phone"));
        // A row may match a contact created earlier in this file that still waits in the chunk: write the
        // chunk first, so the look-up below finds it.
        if ((m_options.matchEmail && !r.emailKey.isEmpty() && m_pendingEmails.contains(r.emailKey))
            || (m_options.matchPhone && !r.phoneKey.isEmpty() && m_pendingPhones.contains(r.phoneKey))) {
            if (Status s = flush(); !s)
                return s;
        }
        if (m_options.matchEmail && !email.isEmpty()) {
            auto ids = m_book.byEmail(email);
            if (!ids)
                return ids.error();
            matches = ids.value();
        }
        if (matches.isEmpty() && m_options.matchPhone && !phone.isEmpty()) {
            auto ids = m_book.byPhone(phone);
            if (!ids)
                return ids.error();
            matches = ids.value();
        }
        if (matches.size() > 1)
            return reject(r.line, r.lastLine, r.original,
                          lineReason(r.line, ContactImporter::tr("it matches several existing contacts (same e-mail "
                                                                 "address or phone number); merge them first or "
                                                                 "import without matching.")));
        if (matches.size() == 1)
            return update(r, matches.first());
        return create(r);
    }

    // Writes the rows that wait in the chunk. Call before the end of the import.
    Status flush()
    {
        if (m_pending.isEmpty())
            return {};
        // The arguments, and their text for the outbox written from each row's text (keys in QJsonDocument's
        // order) instead of serialising the whole chunk again.
        QJsonArray members;
        QByteArray text("{\"contacts\":[");
        // What the reader thread made of each row already, for the mutator (all rows or none).
        PreparedNewContacts prepared;
        for (PendingCreate& p : m_pending) {
            if (p.prepared && prepared.members.size() == members.size())
                prepared.members.append(std::move(*p.prepared));
            if (!members.isEmpty())
                text += ',';
            members.append(QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("fields"), p.fields}});
            text += "{\"fields\":";
            text += p.fieldsText;
            text += ",\"id\":";
            appendJsonString(text, p.id);
            text += '}';
        }
        text += "]}";
        const QJsonObject args{{QStringLiteral("contacts"), members}};
        auto m = m_batch.submit(QStringLiteral("contact.createMany"), args, text,
                                prepared.members.size() == members.size() ? &prepared : nullptr);
        const QList<PendingCreate> pending = std::exchange(m_pending, {});
        m_pendingChars = 0;
        m_pendingEmails.clear();
        m_pendingPhones.clear();
        if (!m) {
            if (m.code() == ErrorCode::Database) // the database itself failed: stop, roll everything back
                return m.error();
            // A row the mutator refused (nothing was written): create them one by one, so each refused row is
            // reported with its own line and the others are imported.
            for (const PendingCreate& p : pending) {
                auto one = m_batch.submit(QStringLiteral("contact.create"),
                                          QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("fields"), p.fields}});
                if (!one) {
                    --m_report.created; // counted when it was queued
                    if (Status s = failedMutation(p.line, p.lastLine, p.original, one.error()); !s)
                        return s;
                    continue;
                }
                if (Status s = recordCreated(p); !s)
                    return s;
            }
            return {};
        }
        for (const PendingCreate& p : pending) {
            if (Status s = recordCreated(p); !s)
                return s;
        }
        return {};
    }

private:
    // A row to create, waiting for its chunk (contact.createMany): the import's mutations carry many rows each.
    struct PendingCreate
    {
        qint64 line = 0;
        qint64 lastLine = 0;
        QStringList original;
        QString id;
        QJsonObject fields;
        QByteArray fieldsText; // `fields`' compact text
        std::optional<NewContact> prepared; // the reader's, moved to the mutation at flush()
    };
    // A chunk's size: 500 rows, or fewer long ones (notes may hold 20,000 characters): one mutation stays well
    // inside a push (Outbox::kMaxPendingBytes, the server's request limit).
    static constexpr int kChunkRows = 500;
    static constexpr qint64 kChunkChars = 1024 * 1024;

    Status create(PreparedRecord& r)
    {
        m_pendingChars += r.chars;
        if (!r.emailKey.isEmpty())
            m_pendingEmails.insert(r.emailKey);
        if (!r.phoneKey.isEmpty())
            m_pendingPhones.insert(r.phoneKey);
        QString id = r.created ? r.created->contact.id : newUuidV7();
        m_pending.append(PendingCreate{r.line, r.lastLine, std::move(r.original), std::move(id), std::move(r.json),
                                       std::move(r.jsonText), std::move(r.created)});
        ++m_report.created; // provisional, as every count until the end (a refused row is taken back)
        return m_pending.size() >= kChunkRows || m_pendingChars >= kChunkChars ? flush() : Status();
    }

    // Its `after` holds the fields the row set; the others are empty (the undo reads a missing one as empty).
    Status recordCreated(const PendingCreate& p)
    {
        return m_book.addItem(p.id, true, {}, p.fields, QString::fromUtf8(p.fieldsText));
    }

    Status update(PreparedRecord& r, const QString& id)
    {
        const QHash<QString, QString>& fields = r.fields;
        if (m_options.onMatch == ContactImporter::OnMatch::Skip) {
            ++m_report.skipped;
            return {};
        }
        auto existing = m_book.load(id);
        if (!existing)
            return existing.error();
        if (!existing.value()) // cannot happen inside the transaction, but do not update a ghost
            return create(r);
        const Contact& before = *existing.value();
        Contact after = before;
        QJsonObject set;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (before.field(it.key()) != it.value()) {
                set.insert(it.key(), it.value());
                after.setField(it.key(), it.value());
            }
        }
        if (set.isEmpty()) { // already as the file says
            ++m_report.skipped;
            return {};
        }
        auto m = m_batch.submit(QStringLiteral("contact.update"),
                                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
        if (!m)
            return failedMutation(r.line, r.lastLine, r.original, m.error());
        ++m_report.updated;
        return m_book.addItem(id, false, before.fieldsToJson(), after.fieldsToJson());
    }

    Status failedMutation(qint64 line, qint64 lastLine, const QStringList& original, const Error& e)
    {
        if (e.code == ErrorCode::Database) // the database itself failed: stop, roll everything back
            return e;
        return reject(line, lastLine, original, lineReason(line, e.message));
    }

    MutationBatch& m_batch;
    const ContactImporter::Options& m_options;
    ImportReport& m_report;
    ErrorFile& m_errors;
    Bookkeeping m_book;
    QList<PendingCreate> m_pending;
    qint64 m_pendingChars = 0; // keys and values of the waiting rows
    QSet<QString> m_pendingEmails; // lower-cased (NOCASE folds only ASCII: a wider fold only flushes early)
    QSet<QString> m_pendingPhones; // ImportValues::phoneKey
};

bool cancelled(const ContactImporter::Options& o)
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

Error cancelError()
{
    return Error(ErrorCode::Cancelled, ContactImporter::tr("The import was cancelled; nothing was imported."));
}

CsvReader::Options csvOptions(const ContactImporter::Options& options)
{
    CsvReader::Options o;
    o.encoding = options.encoding;
    o.delimiter = options.delimiter;
    o.hasHeader = true;
    o.stripFormulaProtection = true;
    return o;
}

} // namespace

ContactImporter::ContactImporter(Database& db, MutationEngine& engine)
    : m_db(db)
    , m_engine(engine)
{
}

ImportFormat ContactImporter::detectFormat(const QString& path)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        const QString head = TextDecoder::decodeAll(f.read(4096), TextEncoding::Auto);
        if (head.trimmed().startsWith(QLatin1String("BEGIN:VCARD"), Qt::CaseInsensitive))
            return ImportFormat::VCard;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard"))
        return ImportFormat::VCard;
    return ImportFormat::Csv;
}

Result<ImportReport> ContactImporter::importFile(const QString& path, const Options& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Could not open %1: %2").arg(path, file.errorString()));
    ImportReport report;
    report.format = options.format == ImportFormat::Auto ? detectFormat(path) : options.format;
    const bool csv = report.format == ImportFormat::Csv;

    std::unique_ptr<CsvReader> csvReader;
    std::unique_ptr<VCardReader> vcardReader;
    ErrorFile errors;
    if (csv) {
        csvReader = std::make_unique<CsvReader>(&file, csvOptions(options));
        if (Status s = csvReader->start(); !s)
            return s.error();
        report.delimiter = csvReader->delimiter();
        report.mapping = options.mapping ? *options.mapping : ColumnMapping::guess(csvReader->header());
        if (report.mapping.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         tr("None of the columns (%1) could be matched to a contact field; say which column holds "
                            "what (e.g. --map \"Mail=email\").")
                             .arg(csvReader->header().join(QStringLiteral(", "))));
        if (Status s = errors.open(options.errorFilePath, csvReader->header()); !s)
            return s.error();
    } else {
        VCardReader::Options o;
        o.encoding = options.encoding;
        vcardReader = std::make_unique<VCardReader>(&file, o);
        if (Status s = errors.open(options.errorFilePath, {tr("Name")}); !s)
            return s.error();
    }

    auto batchResult = m_engine.beginBatch();
    if (!batchResult) {
        errors.discard();
        return batchResult.error();
    }
    MutationBatch& batch = *batchResult.value();
    // The whole import is one transaction: with the usual cache its dirty pages spill to the file midway
    // (each spilled page encrypted, written, then read and decrypted again: ~12% of a 100,000-row import).
    // Back to the usual size before indexes are rebuilt: SQLite's sorter sizes its memory by the cache.
    std::optional<ScopedPageCache> batchCache(std::in_place, batch.connection(), ContactImporter::kBatchCacheKiB);
    Run run(batch, options, report, errors);
    DeferredContactIndex index(batch.connection());
    report.batchId = newUuidV7();
    const QString format = csv ? QStringLiteral("csv") : QStringLiteral("vcard");
    auto abort = [&](const Error& e) -> Result<ImportReport> {
        batch.rollback();
        errors.discard();
        return e;
    };
    if (Status s = run.book().start(report.batchId, QFileInfo(path).fileName(), format,
                                    QDateTime::currentMSecsSinceEpoch(), m_engine.actor());
        !s)
        return abort(s.error());
    if (Status s = index.start(); !s)
        return abort(s.error());

    const qint64 total = file.size();
    auto notify = [&](qint64 bytes) {
        if (options.progress)
            options.progress(bytes, total);
        if (options.onProgress)
            options.onProgress(ImportProgress{bytes, total, report.records, report.created, report.updated,
                                              report.skipped, report.rejected});
    };
    // A file big relative to the table (an import into a young profile) is cheaper with the secondary indexes
    // rebuilt once at the end than maintained row by row; onto a big table it is the other way round. Decided
    // once the first records give the file's bytes per record.
    bool indexesDropped = false;
    bool indexesDecided = false;
    auto decideIndexes = [&](qint64 bytes) -> Status {
        indexesDecided = true;
        QSqlQuery q(batch.connection());
        if (!q.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")) || !q.next())
            return dbError(tr("Could not count contacts"), q);
        const qint64 existing = q.value(0).toLongLong();
        q.finish(); // a statement still reading would lock the schema
        const qint64 expected = bytes > 0 ? report.records * total / bytes : 0;
        if (expected > ContactImporter::kBatchCacheRows)
            batchCache.reset(); // it would spill all the same: memory bounded by the usual cache instead
        if (expected <= existing)
            return {};
        indexesDropped = true; // restored at the end even if only some went (restoreIndexes is idempotent)
        QSqlDatabase conn = batch.connection();
        if (Status s = ContactBulkLoader::dropIndexesForBatch(conn); !s) // e.g. another statement of this
            qCDebug(lcImport) << "indexes kept:" << s.message();         // connection still reading
        return {};
    };
    Status tickError;
    auto tick = [&](qint64 bytes) -> bool {
        if (cancelled(options))
            return false;
        if (!indexesDecided && report.records >= kDecideIndexesAfter) {
            if (tickError = decideIndexes(bytes); !tickError)
                return false;
        }
        if (report.records % kProgressEvery == 0)
            notify(bytes);
        return true;
    };

    {
        // The file is read and each record made ready on a thread of its own (RecordFeed); the feed stops and
        // is waited for when this block is left, before the readers go.
        RecordFeed feed([&](RecordFeed& out) {
            if (csv) {
                CsvRecord rec;
                while (csvReader->next(&rec)) {
                    PreparedRecord r = rec.isOk() ? prepareRecord(rec.firstLine, rec.lastLine, rec.fields,
                                                                  csvFields(report.mapping, rec.fields))
                                                  : unreadable(rec.firstLine, rec.lastLine, rec.fields, rec.message);
                    r.bytesRead = csvReader->bytesRead();
                    if (!out.add(std::move(r)))
                        return;
                }
            } else {
                VCard card;
                while (vcardReader->next(&card)) {
                    const QStringList original{card.formattedName()};
                    PreparedRecord r = card.isValid()
                                           ? prepareRecord(card.firstLine(), card.lastLine(), original, vcardFields(card))
                                           : unreadable(card.firstLine(), card.lastLine(), original,
                                                                        card.errorMessage());
                    r.bytesRead = vcardReader->bytesRead();
                    if (!out.add(std::move(r)))
                        return;
                }
            }
        });
        PreparedRecord r;
        while (feed.next(&r)) {
            ++report.records;
            if (Status s = run.row(r); !s)
                return abort(s.error());
            if (!tick(r.bytesRead))
                return abort(tickError ? cancelError() : tickError.error());
        }
    }
    if (csv) {
        if (Status s = csvReader->status(); !s)
            return abort(s.error());
        report.encoding = csvReader->encoding();
        if (csvReader->hasDecodingErrors())
            report.warnings << csvReader->decodingWarning();
    } else if (Status s = vcardReader->status(); !s) {
        return abort(s.error());
    }
    if (cancelled(options))
        return abort(cancelError());
    if (Status s = run.flush(); !s)
        return abort(s.error());

    if (report.created + report.updated == 0) {
        batch.rollback(); // nothing changed: no batch to undo
        report.batchId.clear();
    } else {
        if (Status s = run.book().finish(report, QDateTime::currentMSecsSinceEpoch()); !s)
            return abort(s.error());
        if (Status s = index.finish(); !s)
            return abort(s.error());
        if (indexesDropped) {
            batchCache.reset();
            QSqlDatabase conn = batch.connection();
            if (Status s = ContactBulkLoader::restoreIndexes(conn); !s)
                return abort(s.error());
        }
        if (Status s = batch.commit(); !s)
            return abort(s.error());
    }
    if (Status s = errors.close(); !s)
        report.warnings << s.message();
    notify(total);
    qCDebug(lcImport) << "imported" << path << "created" << report.created << "updated" << report.updated << "skipped"
                     << report.skipped << "rejected" << report.rejected;
    return report;
}

Result<ContactImporter::Preview> ContactImporter::preview(const QString& path, const Options& options, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Could not open %1: %2").arg(path, file.errorString()));
    Preview p;
    auto add = [&](qint64 line, QHash<QString, QString> fields) {
        PreviewRow r;
        r.line = line;
        r.problem = finishFields(&fields);
        if (!r.problem.isEmpty())
            r.problem = lineReason(line, r.problem);
        for (auto it = fields.begin(); it != fields.end(); ++it)
            r.contact.setField(it.key(), it.value());
        p.rows.append(r);
    };
    const ImportFormat format = options.format == ImportFormat::Auto ? detectFormat(path) : options.format;
    if (format == ImportFormat::Csv) {
        CsvReader reader(&file, csvOptions(options));
        if (Status s = reader.start(); !s)
            return s.error();
        p.header = reader.header();
        p.delimiter = reader.delimiter();
        p.mapping = options.mapping ? *options.mapping : ColumnMapping::guess(p.header);
        CsvRecord rec;
        while (p.rows.size() < rows && reader.next(&rec)) {
            if (rec.isOk())
                add(rec.firstLine, csvFields(p.mapping, rec.fields));
            else
                p.rows.append({rec.firstLine, Contact(), rec.message});
        }
        p.encoding = reader.encoding();
    } else {
        VCardReader::Options o;
        o.encoding = options.encoding;
        VCardReader reader(&file, o);
        VCard card;
        while (p.rows.size() < rows && reader.next(&card)) {
            if (card.isValid())
                add(card.firstLine(), vcardFields(card));
            else
                p.rows.append({card.firstLine(), Contact(), card.errorMessage()});
        }
    }
    return p;
}

} // namespace outpost
