import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { funnelCounts, PROCESS_TEMPLATES, type FunnelCounts, type ProcessTemplate } from '@grantflow/domain';
import type { ProgramStatus } from '@grantflow/db';
import type {
  GradeCountView,
  OverviewFiguresView,
  OverviewProgramView,
  StatsOverviewView,
} from './dto/stats-overview.view';

/** The overview's filters, after the caller's own street limit has been applied. */
export interface OverviewFilter {
  year?: number;
  templateKey?: string;
  street?: string;
}

// A program's year is the year its submission window opened (publishing opens it), on the district's clock.
const PROGRAM_YEAR = `extract(year FROM coalesce(p.published_at, p.created_at) AT TIME ZONE 'Asia/Shanghai')::int`;
// Drafts have no cases and no year yet; the overview reads published and finalized programs.
const PROGRAM_FILTER = `p.status <> 'draft' AND ($1::int IS NULL OR ${PROGRAM_YEAR} = $1)
  AND ($2::text IS NULL OR p.template_key = $2)`;

interface ProgramRow {
  id: string;
  name: string;
  template_key: string;
  status: ProgramStatus;
  budget_fen: string;
  year: number;
  template_snapshot: ProcessTemplate | null;
}

// Bits of GROUPING(program_id, stage, category, street, grade): a set leaves out the columns whose bit is 1.
const BY_PROGRAM = 0b01111;
const BY_PROGRAM_STAGE = 0b00111;
const BY_CATEGORY = 0b11011;
const BY_STREET = 0b11101;
const BY_GRADE = 0b11110;
const ALL = 0b11111;

interface FigureRow {
  grouping: number;
  program_id: string | null;
  stage: string | null;
  category: string | null;
  street: string | null;
  grade: string | null;
  cases: number;
  requested: string;
  awarded: string;
  disbursed: string;
  assigned: number;
  submitted: number;
  overdue: number;
}

/** Leadership's figures across programs and years, aggregated in Postgres over the case projections. */
@Injectable()
export class StatsService {
  constructor(@InjectDataSource() private readonly database: DataSource) {}

  /** Every matching program with its figures, their totals and the years there are programs in. */
  async overview(filter: OverviewFilter): Promise<StatsOverviewView> {
    const parameters = [filter.year ?? null, filter.templateKey ?? null, filter.street ?? null];
    const [years, programs, figures] = await Promise.all([
      this.database.query(
        `SELECT DISTINCT ${PROGRAM_YEAR} AS year FROM programs p WHERE p.status <> 'draft' ORDER BY year DESC`,
      ) as Promise<{ year: number }[]>,
      this.database.query(
        `SELECT p.id, p.name, p.template_key, p.status, p.budget_fen, p.template_snapshot, ${PROGRAM_YEAR} AS year
           FROM programs p WHERE ${PROGRAM_FILTER}
          ORDER BY coalesce(p.published_at, p.created_at) DESC, p.name`,
        parameters.slice(0, 2),
      ) as Promise<ProgramRow[]>,
      this.database.query(FIGURES_SQL, parameters) as Promise<FigureRow[]>,
    ]);
    const templateOf = (row: ProgramRow) => row.template_snapshot ?? PROCESS_TEMPLATES[row.template_key];

    const rowsOf = (grouping: number) => figures.filter((row) => row.grouping === grouping);
    const perProgram = new Map(rowsOf(BY_PROGRAM).map((row) => [row.program_id, row]));
    const stagesOf = new Map<string, Record<string, number>>();
    for (const row of rowsOf(BY_PROGRAM_STAGE)) {
      const stages = stagesOf.get(row.program_id ?? '') ?? {};
      stages[row.stage ?? ''] = row.cases;
      stagesOf.set(row.program_id ?? '', stages);
    }

    const programViews: OverviewProgramView[] = programs.map((program) => ({
      id: program.id,
      name: program.name,
      templateKey: program.template_key,
      year: program.year,
      status: program.status,
      budgetFen: Number(program.budget_fen),
      ...figuresOf(
        perProgram.get(program.id),
        funnelCounts(stagesOf.get(program.id) ?? {}, templateOf(program)),
      ),
    }));
    const total = rowsOf(ALL)[0];
    return {
      years: years.map((row) => row.year),
      programs: programViews,
      totals: {
        budgetFen: programViews.reduce((sum, program) => sum + program.budgetFen, 0),
        // Each program's funnel follows its own template; the total adds them up.
        ...figuresOf(total, sumFunnels(programViews.map((program) => program.funnel))),
        byCategory: countsBy(rowsOf(BY_CATEGORY), (row) => row.category),
        byStreet: countsBy(rowsOf(BY_STREET), (row) => row.street),
        grades: gradesOf(
          programs.map(templateOf),
          countsBy(rowsOf(BY_GRADE), (row) => row.grade),
        ),
      },
    };
  }
}

// One row per case with the facts read from its projected state, then grouped once for every breakdown:
// no round trip per case or per program. Tranches count as disbursed once released; a case's grade is its
// latest evaluation's; review assignments are those of the case's current review stage.
const FIGURES_SQL = `
  WITH cases AS (
    SELECT a.program_id, a.stage, a.category, a.street, a.requested_amount_fen AS requested,
           coalesce(a.awarded_fen, 0) AS awarded, a.case_state -> 'evaluations' -> -1 ->> 'grade' AS grade,
           tranches.disbursed, reviews.assigned, reviews.submitted, reviews.overdue
      FROM applications a
      JOIN programs p ON p.id = a.program_id
      CROSS JOIN LATERAL (
        SELECT coalesce(sum((tranche ->> 'amountFen')::bigint) FILTER (WHERE tranche ->> 'status' = 'released'), 0)
               AS disbursed
          FROM jsonb_array_elements(coalesce(a.case_state -> 'tranches', '[]'::jsonb)) tranche
      ) tranches
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE review ->> 'status' <> 'recused') AS assigned,
               count(*) FILTER (WHERE review ->> 'status' = 'submitted') AS submitted,
               count(*) FILTER (
                 WHERE review ->> 'status' = 'expired'
                    OR (review ->> 'status' = 'assigned' AND (review ->> 'dueAt')::timestamptz < now())
               ) AS overdue
          FROM jsonb_array_elements(coalesce(a.case_state -> 'reviewAssignments', '[]'::jsonb)) review
      ) reviews
     WHERE ${PROGRAM_FILTER} AND ($3::text IS NULL OR a.street = $3)
  )
  SELECT GROUPING(program_id, stage, category, street, grade) AS grouping,
         program_id, stage, category, street, grade, count(*)::int AS cases,
         sum(requested)::bigint AS requested, sum(awarded)::bigint AS awarded, sum(disbursed)::bigint AS disbursed,
         sum(assigned)::int AS assigned, sum(submitted)::int AS submitted, sum(overdue)::int AS overdue
    FROM cases
   GROUP BY GROUPING SETS ((program_id), (program_id, stage), (category), (street), (grade), ())`;

function figuresOf(row: FigureRow | undefined, funnel: FunnelCounts): OverviewFiguresView {
  return {
    total: row?.cases ?? 0,
    funnel,
    money: {
      requestedFen: Number(row?.requested ?? 0),
      awardedFen: Number(row?.awarded ?? 0),
      disbursedFen: Number(row?.disbursed ?? 0),
    },
    reviews: { assigned: row?.assigned ?? 0, submitted: row?.submitted ?? 0, overdue: row?.overdue ?? 0 },
  };
}

function sumFunnels(funnels: FunnelCounts[]): FunnelCounts {
  const sum: FunnelCounts = { applied: 0, eligible: 0, shortlisted: 0, funded: 0 };
  for (const funnel of funnels)
    for (const step of Object.keys(sum) as (keyof FunnelCounts)[]) sum[step] += funnel[step];
  return sum;
}

function countsBy(rows: FigureRow[], key: (row: FigureRow) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const value = key(row);
    // The empty group of a breakdown (cases without a grade yet) is not a value of it.
    if (value !== null) counts[value] = row.cases;
  }
  return counts;
}

/** The grades the templates define, in their order (best first), with counts; grades no template names last. */
function gradesOf(templates: ProcessTemplate[], counts: Record<string, number>): GradeCountView[] {
  const grades = new Map<string, GradeCountView>();
  for (const template of templates)
    for (const stage of template.stages)
      if (stage.kind === 'evaluation')
        for (const band of stage.settings.grades)
          if (!grades.has(band.key))
            grades.set(band.key, { key: band.key, nameZh: band.name.zh, nameEn: band.name.en, count: 0 });
  for (const [key, count] of Object.entries(counts))
    grades.set(key, { ...(grades.get(key) ?? { key, nameZh: key, nameEn: key }), count });
  return [...grades.values()];
}
