#pragma once

#include "contacts/LabelledValues.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace outpost {

// Edits a contact's other e-mails, phones or addresses: one row per entry with its label (work, home,
// mobile, other, or a word of the user's own) and its value, a remove button per row and "Add" below.
// The text it edits is LabelledValues JSON (Contact::otherEmails / otherPhones / otherAddresses).
class LabelledValuesEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Emails, Phones, Addresses };
    LabelledValuesEditor(Kind kind, QWidget* parent = nullptr);

    // How a stored label word is shown: work, home, mobile and other translated, a word of the user's own
    // as it is. (The detail panel shows labels this way too.)
    static QString labelText(const QString& word);

    void setJson(const QString& json);
    QString json() const;
    int rowCount() const { return int(m_rows.size()); }

public slots:
    void addRow();

signals:
    void changed();

private:
    struct Row
    {
        QWidget* widget = nullptr;
        QComboBox* label = nullptr;
        QList<QLineEdit*> fields; // value; or street, postal code, city, country
    };
    Row& appendRow();
    void removeRow(QWidget* rowWidget);
    QString labelOf(const Row& row) const;

    Kind m_kind;
    QVBoxLayout* m_rowsLayout;
    QPushButton* m_add;
    QList<Row> m_rows;
};

} // namespace outpost
