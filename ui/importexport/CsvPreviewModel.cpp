#include "importexport/CsvPreviewModel.h"

#include "theme/Theme.h"

#include <algorithm>

namespace outpost {

namespace {

// A cell on one line: line breaks inside a quoted field are shown as a return symbol.
QString oneLine(const QString& text)
{
    QString s = text;
    s.replace(QLatin1Char('\n'), QStringLiteral(" \u23CE "));
    return s;
}

} // namespace

CsvPreviewModel::CsvPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CsvPreviewModel::setContent(const QStringList& header, const QList<CsvRecord>& records)
{
    beginResetModel();
    m_header = header;
    m_records = records;
    qsizetype columns = header.size();
    for (const CsvRecord& r : records)
        columns = std::max(columns, r.fields.size());
    m_columns = int(columns);
    endResetModel();
}

void CsvPreviewModel::clear()
{
    setContent({}, {});
}

int CsvPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int CsvPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant CsvPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CsvRecord& r = m_records.at(index.row());
    const QString value = index.column() < r.fields.size() ? r.fields.at(index.column()) : QString();
    switch (role) {
    case Qt::DisplayRole:
        return oneLine(value);
    case Qt::ToolTipRole:
        return r.isOk() ? (value.contains(QLatin1Char('\n')) ? value : QVariant()) : QVariant(r.message);
    case Qt::ForegroundRole:
        return r.isOk() ? QVariant() : QVariant(Theme::errorColor());
    default:
        return {};
    }
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_columns)
            return {};
        if (role == Qt::DisplayRole)
            return section < m_header.size() && !m_header.at(section).trimmed().isEmpty()
                       ? m_header.at(section)
                       : tr("Column %1").arg(section + 1);
        return {};
    }
    if (section < 0 || section >= m_records.size())
        return {};
    const CsvRecord& r = m_records.at(section);
    if (role == Qt::DisplayRole)
        return QString::number(r.firstLine);
    if (role == Qt::ToolTipRole)
        return r.lastLine > r.firstLine ? tr("Lines %1 to %2").arg(r.firstLine).arg(r.lastLine)
                                        : tr("Line %1").arg(r.firstLine);
    if (role == Qt::ForegroundRole && !r.isOk())
        return Theme::errorColor();
    return {};
}

} // namespace outpost
