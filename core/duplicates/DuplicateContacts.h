#pragma once

#include "contacts/Contact.h"
#include "util/Result.h"

#include <optional>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace outpost {

// Reads the contacts of duplicate pairs: by local row id (what a scan result holds) or by id, with every
// field and the creation time, on the connection given (a batch's, or the calling thread's).
class DuplicateContacts
{
    Q_DECLARE_TR_FUNCTIONS(DuplicateContacts)
public:
    // The contacts with these row ids that still exist (a merged-away one is simply missing).
    static Result<QHash<qint64, Contact>> byRid(QSqlDatabase conn, const QList<qint64>& rids);
    static Result<std::optional<Contact>> byId(QSqlDatabase conn, const QString& id);
    // Row id of a contact id, or 0.
    static Result<qint64> ridOf(QSqlDatabase conn, const QString& id);
};

} // namespace outpost
