#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace outpost {

// Everything this database holds about one person (GDPR art. 15 / 20), as a folder:
//   person.json          every section below in one document
//   <section>.csv        one CSV per section (nested values as JSON text)
// Sections: contact, consents, shares, distributors, erasure, audit (entries about the person's records),
// import_history, merge_history, pending_changes (outbox), sync_conflicts, sync_rejections. The folder is
// written beside the target as "<name>.partial" and renamed at the end: a failure or a cancel leaves nothing.
class PersonExport
{
    Q_DECLARE_TR_FUNCTIONS(PersonExport)
public:
    struct Section
    {
        QString name;
        QJsonArray rows; // objects, column name -> value
    };
    // Reads every section (nothing is written). NotFound if nothing at all is held about the contact id.
    static Result<QList<Section>> collect(QSqlDatabase& db, const QString& contactId);

    struct Summary
    {
        QString folder;
        qint64 rows = 0; // over all sections
    };
    // `folder` must not exist yet. `cancelled` (optional) is polled between sections.
    static Result<Summary> write(QSqlDatabase& db, const QString& contactId, const QString& folder,
                                 qint64 exportedAtMs, const std::function<bool()>& cancelled = {});
};

} // namespace outpost
