#pragma once

#include "companies/CompanyRepository.h"
#include "widgets/KeysetPagedModel.h"

#include <QAbstractListModel>

namespace outpost {

// The contacts linked to one company, in name order, read PageSize at a time as the view scrolls.
class CompanyContactsModel : public KeysetPagedModel<QAbstractListModel, ContactListRow>
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 100;

    explicit CompanyContactsModel(CompanyRepository& repository, QObject* parent = nullptr);

    void setCompany(const QString& companyId); // empty: no rows
    QString companyId() const { return m_companyId; }
    qint64 total() const { return m_total; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

private:
    Result<QList<ContactListRow>> readPage(const ContactListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }

    CompanyRepository& m_repository;
    QString m_companyId;
    qint64 m_total = 0;
};

} // namespace outpost
