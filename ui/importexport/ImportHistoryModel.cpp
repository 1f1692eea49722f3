#include "importexport/ImportHistoryModel.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace outpost {

ImportHistoryModel::ImportHistoryModel(ImportHistory& history, QObject* parent)
    : QAbstractTableModel(parent)
    , m_history(history)
{
    reload();
}

void ImportHistoryModel::reload()
{
    auto list = m_history.list(kLimit);
    beginResetModel();
    m_batches = list ? list.value() : QList<ImportBatchInfo>();
    endResetModel();
    if (!list)
        emit loadFailed(list.message());
}

const ImportBatchInfo* ImportHistoryModel::batchAt(int row) const
{
    return row >= 0 && row < m_batches.size() ? &m_batches.at(row) : nullptr;
}

int ImportHistoryModel::rowOf(const QString& batchId) const
{
    for (int i = 0; i < m_batches.size(); ++i)
        if (m_batches.at(i).id == batchId)
            return i;
    return -1;
}

int ImportHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_batches.size());
}

int ImportHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportBatchInfo& b = m_batches.at(index.row());
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartedColumn:
            return locale.toString(QDateTime::fromMSecsSinceEpoch(b.startedAt), QLocale::ShortFormat);
        case FileColumn:
            return b.fileName;
        case FormatColumn:
            return b.format == QLatin1String("vcard") ? tr("vCard") : tr("CSV");
        case CreatedColumn:
            return locale.toString(b.created);
        case UpdatedColumn:
            return locale.toString(b.updated);
        case SkippedColumn:
            return locale.toString(b.skipped);
        case RejectedColumn:
            return locale.toString(b.rejected);
        case StateColumn:
            return b.undone ? tr("Undone %1").arg(locale.toString(QDateTime::fromMSecsSinceEpoch(b.undoneAt),
                                                                  QLocale::ShortFormat))
                            : tr("Imported");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= CreatedColumn && index.column() <= RejectedColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == FileColumn)
        return tr("Import %1").arg(b.id);
    if (role == Qt::ForegroundRole && b.undone)
        return QVariant(QGuiApplication::palette().color(QPalette::PlaceholderText));
    if (role == BatchIdRole)
        return b.id;
    if (role == UndoneRole)
        return b.undone;
    return {};
}

QVariant ImportHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Date");
    case FileColumn:
        return tr("File");
    case FormatColumn:
        return tr("Format");
    case CreatedColumn:
        return tr("New");
    case UpdatedColumn:
        return tr("Updated");
    case SkippedColumn:
        return tr("Skipped");
    case RejectedColumn:
        return tr("Rejected");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace outpost
