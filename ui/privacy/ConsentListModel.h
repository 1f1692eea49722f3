#pragma once

#include "privacy/Consents.h"

#include <QAbstractTableModel>

namespace outpost {

class Database;

// One contact's consents, newest given first: purpose, source, given, expires, state. A person has a handful,
// so the list is read whole (not windowed). Withdrawn and expired consents are greyed, and say so.
class ConsentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Purpose, Source, Given, Expires, State, ColumnCount };

    explicit ConsentListModel(Database& db, QObject* parent = nullptr);

    // Reads the contact's consents again (empty id: none). The state is taken at `nowMs`.
    Status load(const QString& contactId, qint64 nowMs);
    QString contactId() const { return m_contactId; }
    const Consent* consentAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Database& m_db;
    QString m_contactId;
    qint64 m_now = 0;
    QList<Consent> m_consents;
};

} // namespace outpost
