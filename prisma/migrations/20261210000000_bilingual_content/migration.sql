-- Content the group writes for everyone carries English and Spanish (issue 17): the group's name and
-- description, template and paper section titles and guidance, and a paper's title in its other language.
-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "descriptionEs" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "nameEs" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "descriptionEs" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "nameEs" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "TemplateSection" ADD COLUMN     "guidanceEs" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "titleEs" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Paper" ADD COLUMN     "titleTranslation" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "titleTranslationSource" TEXT;

-- AlterTable
ALTER TABLE "PaperSection" ADD COLUMN     "guidanceEs" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "titleEs" TEXT NOT NULL DEFAULT '';
