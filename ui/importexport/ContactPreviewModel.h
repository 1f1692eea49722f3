#pragma once

#include "importexport/ContactImporter.h"

#include <QAbstractTableModel>
#include <QList>

namespace outpost {

// What the first records of a file become as contacts (ContactImporter::preview): the wizard's preview of
// the column mapping and of a vCard file. A record that would be rejected shows why in the last column.
class ContactPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The status (OK, or why the record would be rejected) comes first, where it is seen without scrolling.
    enum Column { LineColumn, StatusColumn, NameColumn, EmailColumn, PhoneColumn, CompanyColumn, AddressColumn,
                  ColumnCount };

    explicit ContactPreviewModel(QObject* parent = nullptr);

    void setRows(const QList<ContactImporter::PreviewRow>& rows);
    const QList<ContactImporter::PreviewRow>& rows() const { return m_rows; }
    int problemCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "17: " stripped from a reason that starts with its own line number (the Line column shows it).
    static QString reasonWithoutLine(qint64 line, const QString& reason);

private:
    QList<ContactImporter::PreviewRow> m_rows;
};

} // namespace outpost
