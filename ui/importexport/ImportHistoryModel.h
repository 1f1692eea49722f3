#pragma once

#include "importexport/ImportHistory.h"

#include <QAbstractTableModel>
#include <QList>

namespace outpost {

// The imports made on this device, newest first (ImportHistory::list): when, which file, what it did and
// whether it was undone. The list is short by nature (one row per import), capped at kLimit.
class ImportHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StartedColumn, FileColumn, FormatColumn, CreatedColumn, UpdatedColumn, SkippedColumn,
                  RejectedColumn, StateColumn, ColumnCount };
    enum Role { BatchIdRole = Qt::UserRole + 1, UndoneRole };
    static constexpr int kLimit = 1000;

    explicit ImportHistoryModel(ImportHistory& history, QObject* parent = nullptr);

    // Reads the list again (a reset). A failure empties the list and emits loadFailed().
    void reload();
    const ImportBatchInfo* batchAt(int row) const;
    int rowOf(const QString& batchId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

private:
    ImportHistory& m_history;
    QList<ImportBatchInfo> m_batches;
};

} // namespace outpost
