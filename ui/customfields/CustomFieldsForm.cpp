#include "customfields/CustomFieldsForm.h"

#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

namespace outpost {

namespace {

using Type = CustomField::Type;

// Multiple choices: a row of check boxes that wraps onto a second line when there are many.
class ChoiceBoxes : public QWidget
{
public:
    ChoiceBoxes(const QStringList& options, QWidget* parent) : QWidget(parent)
    {
        auto* layout = new QGridLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        constexpr int kPerRow = 3;
        for (int i = 0; i < options.size(); ++i) {
            auto* box = new QCheckBox(options.at(i), this);
            box->setObjectName(QStringLiteral("choice_") + QString::number(i));
            layout->addWidget(box, i / kPerRow, i % kPerRow);
            m_boxes.append(box);
        }
    }
    QList<QCheckBox*> m_boxes;
};

} // namespace

CustomFieldsForm::CustomFieldsForm(const QList<CustomField>& fields, const QJsonObject& values, QWidget* parent)
    : QWidget(parent)
    , m_fields(fields)
    , m_original(values)
{
    setObjectName(QStringLiteral("customFieldsForm"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setColumnStretch(1, 1);
    for (const CustomField& f : std::as_const(m_fields)) {
        QWidget* editor = nullptr;
        const QJsonValue value = values.value(f.memberName());
        switch (f.type) {
        case Type::Text:
        case Type::Number:
        case Type::Date: {
            auto* line = new QLineEdit(this);
            if (f.type == Type::Date)
                line->setPlaceholderText(tr("yyyy-mm-dd"));
            else if (f.type == Type::Number && (f.min || f.max))
                line->setPlaceholderText(tr("%1 to %2")
                                             .arg(f.min ? QString::number(*f.min) : QStringLiteral("…"),
                                                  f.max ? QString::number(*f.max) : QStringLiteral("…")));
            line->setText(value.isDouble() ? QString::number(value.toDouble(), 'g', 15) : value.toString());
            connect(line, &QLineEdit::textChanged, this, &CustomFieldsForm::changed);
            editor = line;
            break;
        }
        case Type::Choice: {
            auto* combo = new QComboBox(this);
            combo->addItem(tr("(none)"), QString());
            for (const QString& o : f.options)
                combo->addItem(o, o);
            combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
            connect(combo, &QComboBox::currentIndexChanged, this, &CustomFieldsForm::changed);
            editor = combo;
            break;
        }
        case Type::MultiChoice: {
            auto* boxes = new ChoiceBoxes(f.options, this);
            const QJsonArray picked = value.toArray();
            for (QCheckBox* box : boxes->m_boxes) {
                box->setChecked(picked.contains(box->text()));
                connect(box, &QCheckBox::toggled, this, &CustomFieldsForm::changed);
            }
            editor = boxes;
            break;
        }
        }
        editor->setObjectName(QStringLiteral("custom_") + f.key);
        auto* caption = new QLabel(f.required ? tr("%1*:").arg(f.label) : tr("%1:").arg(f.label), this);
        caption->setBuddy(editor);
        caption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const int row = grid->rowCount();
        grid->addWidget(caption, row, 0);
        grid->addWidget(editor, row, 1);
        auto* error = new MessageLabel(this);
        error->setObjectName(QStringLiteral("custom_") + f.key + QStringLiteral("Error"));
        grid->addWidget(error, row + 1, 1);
        m_editors.insert(f.key, editor);
        m_errors.insert(f.key, error);
    }
}

QJsonValue CustomFieldsForm::rawValue(const CustomField& f) const
{
    QWidget* editor = m_editors.value(f.key);
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        return line->text();
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        return combo->currentData().toString();
    QJsonArray picked;
    for (QCheckBox* box : static_cast<ChoiceBoxes*>(editor)->m_boxes)
        if (box->isChecked())
            picked.append(box->text());
    return picked;
}

QString CustomFieldsForm::problemWith(const CustomField& f, bool creating) const
{
    auto value = CustomFields::normalize(f, rawValue(f));
    if (!value)
        return value.message();
    const bool given = m_original.contains(f.memberName()) || creating;
    if (f.required && !value->has_value() && given)
        return tr("\u201c%1\u201d is required.").arg(f.label);
    return {};
}

QJsonObject CustomFieldsForm::currentValues() const
{
    QJsonObject out;
    for (const CustomField& f : m_fields) {
        auto value = CustomFields::normalize(f, rawValue(f));
        if (value && value->has_value())
            out.insert(f.memberName(), value->value().wire);
    }
    return out;
}

QJsonObject CustomFieldsForm::changedValues() const
{
    const QJsonObject now = currentValues();
    QJsonObject out;
    for (const CustomField& f : m_fields) {
        const QJsonValue before = m_original.value(f.memberName());
        const QJsonValue after = now.value(f.memberName());
        if (before != after)
            out.insert(f.memberName(), after.isUndefined() ? QJsonValue() : after);
    }
    return out;
}

bool CustomFieldsForm::isValid(bool creating) const
{
    for (const CustomField& f : m_fields)
        if (!problemWith(f, creating).isEmpty())
            return false;
    return true;
}

void CustomFieldsForm::validate(bool creating)
{
    for (const CustomField& f : std::as_const(m_fields)) {
        const QString problem = problemWith(f, creating);
        if (problem.isEmpty())
            m_errors.value(f.key)->clearMessage();
        else
            m_errors.value(f.key)->showError(problem);
    }
}

QString CustomFieldsForm::displayText(const QJsonValue& value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts << item.toString();
        return parts.join(QStringLiteral(", "));
    }
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 15);
    return value.toString();
}

void CustomFieldsForm::setValue(const QString& key, const QJsonValue& value)
{
    QWidget* editor = m_editors.value(key);
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        line->setText(value.isDouble() ? QString::number(value.toDouble(), 'g', 15) : value.toString());
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
    } else if (editor) {
        for (QCheckBox* box : static_cast<ChoiceBoxes*>(editor)->m_boxes)
            box->setChecked(value.toArray().contains(box->text()));
    }
}

} // namespace outpost
