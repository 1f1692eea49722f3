#include "importexport/ContactExporter.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
#include "contacts/ContactRepository.h"
#include "io/CsvWriter.h"
#include "io/VCard.h"
#include "io/VCardWriter.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

constexpr int kPage = 1000;

const QString kColumns = QStringLiteral("id, ") + contactsql::columnNames().join(QStringLiteral(", "));

// The CSV columns: every contact field but the company link, an id local to this team's data that another
// profile would refuse on import (the free-text company column carries the company's name).
const QStringList& csvFields()
{
    static const QStringList fields = [] {
        QStringList out = Contact::fieldNames();
        out.removeAll(QStringLiteral("companyId"));
        return out;
    }();
    return fields;
}

Contact readContact(const QSqlQuery& q)
{
    Contact c;
    c.id = q.value(0).toString();
    const QStringList& names = Contact::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        c.setField(names.at(i), q.value(1 + i).toString());
    return c;
}

VCard toCard(const Contact& c)
{
    VCard card;
    card.setVersion(QStringLiteral("4.0"));
    card.addProperty(VCardProperty(QStringLiteral("UID"), QStringLiteral("urn:uuid:") + c.id));
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), c.displayName()));
    card.addProperty(VCardProperty::makeStructured(QStringLiteral("N"), {c.lastName, c.firstName, {}, {}, {}}));
    if (!c.company.isEmpty())
        card.addProperty(VCardProperty::makeStructured(QStringLiteral("ORG"), {c.company}));
    if (!c.email.isEmpty())
        card.addProperty(VCardProperty::makeText(QStringLiteral("EMAIL"), c.email));
    if (!c.phone.isEmpty())
        card.addProperty(VCardProperty::makeText(QStringLiteral("TEL"), c.phone));
    if (!c.street.isEmpty() || !c.postalCode.isEmpty() || !c.city.isEmpty() || !c.country.isEmpty())
        card.addProperty(VCardProperty::makeStructured(QStringLiteral("ADR"),
                                                       {{}, {}, c.street, c.city, {}, c.postalCode, c.country}));
    if (!c.notes.isEmpty())
        card.addProperty(VCardProperty::makeText(QStringLiteral("NOTE"), c.notes));
    return card;
}

} // namespace

Result<qint64> ContactExporter::exportFile(const QString& path, const Options& options)
{
    QSaveFile file(path); // appears complete or not at all
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));

    std::unique_ptr<CsvWriter> csv;
    std::unique_ptr<VCardWriter> vcard;
    if (options.format == Format::Csv) {
        CsvWriter::Options o;
        o.writeBom = options.csvBom;
        csv = std::make_unique<CsvWriter>(&file, o);
        if (Status s = csv->writeRecord(csvFields()); !s)
            return s.error();
    } else {
        vcard = std::make_unique<VCardWriter>(&file);
    }
    qint64 written = 0;
    auto write = [&](const Contact& c) -> Status {
        if (csv) {
            QStringList row;
            for (const QString& f : csvFields())
                row << c.field(f);
            if (Status s = csv->writeRecord(row); !s)
                return s;
        } else if (Status s = vcard->write(toCard(c)); !s) {
            return s;
        }
        ++written;
        if (written % kPage == 0) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                return Error(ErrorCode::Cancelled, tr("The export was cancelled."));
            if (options.progress)
                options.progress(written);
        }
        return {};
    };

    QSqlDatabase conn = m_db.connection();
    // One read transaction: a consistent snapshot even while other threads write.
    Transaction snapshot(conn, Transaction::Kind::Deferred);
    if (!snapshot.isActive())
        return snapshot.error();
    auto readError = [&](const QSqlQuery& q) {
        return Error(ErrorCode::Database, tr("Could not read contacts: %1").arg(q.lastError().text()));
    };

    if (!options.ids.isEmpty()) {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE id = ?"));
        for (const QString& id : options.ids) {
            q.addBindValue(id);
            if (!q.exec())
                return readError(q);
            if (q.next()) {
                if (Status s = write(readContact(q)); !s)
                    return s.error();
            }
            q.finish();
        }
    } else if (!options.query.trimmed().isEmpty()) {
        // The search gives list rows a page at a time (keyset paging); read each page's full rows.
        ContactRepository repo(m_db);
        const ContactQuery query = ContactQuery::parse(options.query);
        std::optional<ContactCursor> after;
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE rid = ?"));
        for (;;) {
            auto page = repo.search(query, after, kPage);
            if (!page)
                return page.error();
            for (const ContactListRow& r : page.value()) {
                q.addBindValue(r.rid);
                if (!q.exec())
                    return readError(q);
                if (q.next()) {
                    if (Status s = write(readContact(q)); !s)
                        return s.error();
                }
                q.finish();
            }
            if (page->size() < kPage)
                break;
            after = ContactCursor{page->last().sortKey, page->last().rid};
        }
    } else {
        QSqlQuery q(conn);
        q.setForwardOnly(true); // SQLite steps row by row: nothing but the current row in memory
        q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE ")
                  + (options.segment ? options.segment->where : QStringLiteral("1")) + QStringLiteral(" ORDER BY sort_key, rid"));
        if (options.segment) {
            for (const QVariant& b : options.segment->binds)
                q.addBindValue(b);
        }
        if (!q.exec())
            return readError(q);
        while (q.next()) {
            if (Status s = write(readContact(q)); !s)
                return s.error();
        }
        if (q.lastError().isValid())
            return readError(q);
    }
    snapshot.rollback(); // read-only
    if (csv) {
        if (Status s = csv->flush(); !s)
            return s.error();
    }
    if (!file.commit())
        return Error(ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));
    if (options.progress)
        options.progress(written);
    return written;
}

} // namespace outpost
