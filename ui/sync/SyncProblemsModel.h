#pragma once

#include "replication/SyncProblems.h"

#include <QAbstractTableModel>

#include <variant>

namespace outpost {

// The Sync problems panel's list: open conflicts (a value someone overwrote) first, then changes the
// server refused, newest first within each. Open problems are few by nature; SyncProblems caps each
// list (kListLimit). reload() re-reads everything (a reset).
class SyncProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KindColumn, RecordColumn, FieldColumn, CurrentColumn, ReplacedColumn, DetailColumn, WhenColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // "conflict" | "rejection"
        IdRole,                      // conflict id, or the rejection's sequence number
        EntityRole,
        EntityIdRole,
    };

    // `me`: the signed-in user's id, to tell "your value" from another user's.
    SyncProblemsModel(SyncProblems& problems, QString me, QObject* parent = nullptr);

    void reload();
    QString lastError() const { return m_error; }

    bool isConflict(int row) const;
    const SyncConflict* conflictAt(int row) const;
    const SyncRejection* rejectionAt(int row) const;
    int conflictCount() const { return int(m_conflicts.size()); }
    int rejectionCount() const { return int(m_rejections.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Human words for what the panel shows.
    static QString fieldLabel(const QString& entity, const QString& field);
    static QString changeLabel(const QString& mutationName);
    static QString entityLabel(const QString& entity);
    static QString valueText(const QJsonValue& v);
    static QString argsText(const QJsonObject& args);

signals:
    void loadFailed(const QString& message);

private:
    SyncProblems& m_problems;
    QString m_me;
    QList<SyncConflict> m_conflicts;
    QList<SyncRejection> m_rejections;
    QString m_error;
};

} // namespace outpost
