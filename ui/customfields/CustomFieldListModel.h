#pragma once

#include "customfields/CustomField.h"
#include "mutations/Mutation.h"

#include <QAbstractTableModel>

namespace outpost {

class Database;

// The custom field definitions of one entity (contacts or companies), retired ones last and greyed. A team
// defines tens of fields, not thousands: the list is read whole.
class CustomFieldListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LabelColumn, KeyColumn, TypeColumn, RulesColumn, ColumnCount };

    CustomFieldListModel(Database& database, const QString& entity, QObject* parent = nullptr);

    void setEntity(const QString& entity);
    QString entity() const { return m_entity; }
    const CustomField* fieldAt(int row) const;
    void reload();
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    static QString typeText(CustomField::Type type);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

private:
    Database& m_database;
    QString m_entity;
    QList<CustomField> m_fields;
};

} // namespace outpost
