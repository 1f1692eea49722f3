#include "companies/CompanyContactsModel.h"

#include <QScopedValueRollback>

namespace outpost {

CompanyContactsModel::CompanyContactsModel(CompanyRepository& repository, QObject* parent)
    : QAbstractListModel(parent)
    , m_repository(repository)
{
}

void CompanyContactsModel::setCompany(const QString& companyId)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_companyId = companyId;
    m_rows.clear();
    m_exhausted = true;
    m_total = 0;
    if (!companyId.isEmpty()) {
        auto first = m_repository.contactsOf(companyId, std::nullopt, PageSize);
        if (first) {
            m_rows = std::move(first.value());
            m_exhausted = m_rows.size() < PageSize;
        }
        auto total = m_repository.contactCount(companyId);
        m_total = total ? total.value() : m_rows.size();
    }
    endResetModel();
}

int CompanyContactsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CompanyContactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactListRow& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return r.email.isEmpty() ? r.displayName() : tr("%1 \u2014 %2").arg(r.displayName(), r.email);
    case Qt::ToolTipRole:
        return QStringList{r.displayName(), r.email, r.phone}.join(QLatin1Char('\n')).trimmed();
    case IdRole:
        return r.id;
    }
    return {};
}

bool CompanyContactsModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void CompanyContactsModel::fetchMore(const QModelIndex& parent)
{
    // Not while telling of a change: listeners (QAbstractItemModelTester does) call fetchMore() from
    // modelReset / rowsInserted, and rows inserted then would reach later listeners before the change itself.
    if (parent.isValid() || m_exhausted || m_rows.isEmpty() || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    const ContactListRow& last = m_rows.last();
    auto more = m_repository.contactsOf(m_companyId, ContactCursor{last.sortKey, last.rid}, PageSize);
    m_exhausted = !more || more->size() < PageSize;
    if (!more || more->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more->size() - 1));
    m_rows += more.value();
    endInsertRows();
}

} // namespace outpost
