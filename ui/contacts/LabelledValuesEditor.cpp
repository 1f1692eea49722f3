#include "contacts/LabelledValuesEditor.h"

#include "theme/ThemedIcon.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace outpost {

QString LabelledValuesEditor::labelText(const QString& word)
{
    if (word == QLatin1String("work"))
        return tr("Work");
    if (word == QLatin1String("home"))
        return tr("Home");
    if (word == QLatin1String("mobile"))
        return tr("Mobile");
    if (word == QLatin1String("other"))
        return tr("Other");
    return word;
}

LabelledValuesEditor::LabelledValuesEditor(Kind kind, QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_rowsLayout(new QVBoxLayout)
    , m_add(new QPushButton(this))
{
    m_add->setText(kind == Kind::Emails   ? tr("Add E-mail")
                   : kind == Kind::Phones ? tr("Add Phone")
                                          : tr("Add Address"));
    m_add->setObjectName(QStringLiteral("addEntryButton"));
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_add);
    buttonRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(buttonRow);
    connect(m_add, &QPushButton::clicked, this, &LabelledValuesEditor::addRow);
}

LabelledValuesEditor::Row& LabelledValuesEditor::appendRow()
{
    Row row;
    row.widget = new QWidget(this);
    row.widget->setObjectName(QStringLiteral("entryRow%1").arg(m_rows.size()));
    auto* h = new QHBoxLayout(row.widget);
    h->setContentsMargins(0, 0, 0, 0);
    row.label = new QComboBox(row.widget);
    row.label->setObjectName(QStringLiteral("labelCombo"));
    row.label->setEditable(true); // a label of one's own
    row.label->setInsertPolicy(QComboBox::NoInsert);
    for (const QString& word : LabelledValues::standardLabels())
        row.label->addItem(labelText(word), word);
    row.label->setMinimumContentsLength(8);
    h->addWidget(row.label);
    auto addField = [&](const QString& placeholder, int stretch, int maxLength) {
        auto* e = new QLineEdit(row.widget);
        e->setPlaceholderText(placeholder);
        e->setMaxLength(maxLength);
        h->addWidget(e, stretch);
        row.fields.append(e);
        connect(e, &QLineEdit::textChanged, this, &LabelledValuesEditor::changed);
    };
    if (m_kind == Kind::Addresses) {
        addField(tr("Street"), 3, 200);
        addField(tr("Postal code"), 1, 200);
        addField(tr("City"), 2, 200);
        addField(tr("Country (DE)"), 1, 2);
    } else {
        addField(m_kind == Kind::Emails ? tr("name@example.com") : tr("+49 30 1234567"), 1,
                 m_kind == Kind::Emails ? 254 : 40);
    }
    auto* remove = new QToolButton(row.widget);
    remove->setObjectName(QStringLiteral("removeEntryButton"));
    remove->setIcon(themedIcon(QStringLiteral("delete")));
    remove->setToolTip(tr("Remove"));
    remove->setAccessibleName(tr("Remove"));
    h->addWidget(remove);
    connect(row.label, &QComboBox::currentTextChanged, this, &LabelledValuesEditor::changed);
    QWidget* rowWidget = row.widget;
    connect(remove, &QToolButton::clicked, this, [this, rowWidget] { removeRow(rowWidget); });
    m_rowsLayout->addWidget(row.widget);
    row.widget->show(); // now, not when the layout gets to it: the new row takes the focus
    m_rows.append(row);
    return m_rows.last();
}

void LabelledValuesEditor::addRow()
{
    Row& row = appendRow();
    row.label->setCurrentIndex(m_kind == Kind::Phones ? 2 : 0);
    row.fields.first()->setFocus();
    emit changed();
}

void LabelledValuesEditor::removeRow(QWidget* rowWidget)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).widget == rowWidget) {
            m_rows.removeAt(i);
            rowWidget->deleteLater();
            emit changed();
            return;
        }
    }
}

QString LabelledValuesEditor::labelOf(const Row& row) const
{
    const QString text = row.label->currentText().trimmed();
    const int index = row.label->findText(text);
    return index >= 0 ? row.label->itemData(index).toString() : text;
}

void LabelledValuesEditor::setJson(const QString& json)
{
    for (const Row& row : std::as_const(m_rows))
        delete row.widget;
    m_rows.clear();
    auto setLabel = [](Row& row, const QString& word) {
        const int index = row.label->findData(word);
        if (index >= 0)
            row.label->setCurrentIndex(index);
        else
            row.label->setEditText(word);
    };
    if (m_kind == Kind::Addresses) {
        for (const LabelledAddress& a : LabelledValues::addresses(json)) {
            Row& row = appendRow();
            setLabel(row, a.label);
            row.fields.at(0)->setText(a.street);
            row.fields.at(1)->setText(a.postalCode);
            row.fields.at(2)->setText(a.city);
            row.fields.at(3)->setText(a.country);
        }
    } else {
        for (const LabelledValue& v : LabelledValues::values(json)) {
            Row& row = appendRow();
            setLabel(row, v.label);
            row.fields.first()->setText(v.value);
        }
    }
}

QString LabelledValuesEditor::json() const
{
    if (m_kind == Kind::Addresses) {
        QList<LabelledAddress> out;
        for (const Row& row : m_rows)
            out.append({labelOf(row), row.fields.at(0)->text().trimmed(), row.fields.at(1)->text().trimmed(),
                        row.fields.at(2)->text().trimmed(), row.fields.at(3)->text().trimmed().toUpper()});
        QString problem;
        const QString normalized = LabelledValues::normalize(QStringLiteral("otherAddresses"), LabelledValues::toJson(out), &problem);
        return problem.isEmpty() ? normalized : LabelledValues::toJson(out);
    }
    QList<LabelledValue> out;
    for (const Row& row : m_rows)
        out.append({labelOf(row), row.fields.first()->text().trimmed()});
    const QString field = m_kind == Kind::Emails ? QStringLiteral("otherEmails") : QStringLiteral("otherPhones");
    QString problem;
    const QString normalized = LabelledValues::normalize(field, LabelledValues::toJson(out), &problem);
    // While a row is invalid keep it (the dialog shows the problem); once valid, the canonical form.
    return problem.isEmpty() ? normalized : LabelledValues::toJson(out);
}

} // namespace outpost
