#pragma once

#include <QWidget>

class QCompleter;
class QLineEdit;
class QStandardItemModel;
class QToolButton;

namespace outpost {

class CompanyRepository;

// Picks the company a contact links to: type a few letters of its name and choose from the matches (read
// 20 at a time as you type, never the whole table); the clear button removes the link.
class CompanyPicker : public QWidget
{
    Q_OBJECT
public:
    CompanyPicker(CompanyRepository& companies, QWidget* parent = nullptr);

    QString companyId() const { return m_id; }
    QString companyName() const { return m_name; }
    // Shows the company with this id (its name is read), or none for an empty id.
    void setCompanyId(const QString& id);
    QLineEdit* lineEdit() const { return m_edit; }

signals:
    void companyChanged(const QString& id, const QString& name);

private:
    void refreshMatches(const QString& text);
    void choose(const QString& id, const QString& name);

    CompanyRepository& m_companies;
    QLineEdit* m_edit;
    QToolButton* m_clear;
    QStandardItemModel* m_matches;
    QCompleter* m_completer;
    QString m_id;
    QString m_name;
};

} // namespace outpost
