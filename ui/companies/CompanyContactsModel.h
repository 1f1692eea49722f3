#pragma once

#include "companies/CompanyRepository.h"

#include <QAbstractListModel>
#include <QList>

namespace outpost {

// The contacts linked to one company, in name order, read PageSize at a time as the view scrolls.
class CompanyContactsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 100;

    explicit CompanyContactsModel(CompanyRepository& repository, QObject* parent = nullptr);

    void setCompany(const QString& companyId); // empty: no rows
    QString companyId() const { return m_companyId; }
    qint64 total() const { return m_total; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    CompanyRepository& m_repository;
    QString m_companyId;
    QList<ContactListRow> m_rows;
    bool m_exhausted = true;
    bool m_changing = false; // telling listeners of a change (see fetchMore())
    qint64 m_total = 0;
};

} // namespace outpost
