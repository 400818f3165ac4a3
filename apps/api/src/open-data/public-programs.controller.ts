import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  grantProgramTo360Giving,
  procurementToOcds,
  type ThreeSixtyGivingPackage,
} from '@grantflow/open-data';
import { notFound, uuidParam } from '../common/problem';
import { awardListTable } from './award-list';
import { noticeFile } from '../common/notice-file';
import { PublishedAwardsService } from './published-awards.service';
import { DISTRICT_BUYER, ProcurementPublicationService } from './procurement-publication.service';

const UNPUBLISHED = {
  description: 'The program does not exist, or has not published its award notice (公示) yet',
};

/**
 * What anyone may read of a program without signing in, once its award notice is published: the awards as
 * 360Giving open data and as the lists posted on the notice boards. Nothing unpublished, no personal data.
 */
@ApiTags('public')
@Controller('public/programs')
export class PublicProgramsController {
  constructor(
    private readonly awards: PublishedAwardsService,
    private readonly procurements: ProcurementPublicationService,
  ) {}

  @Get(':id/ocds.json')
  @ApiOperation({
    summary:
      'A purchase of services as an OCDS 1.1 release package (tender, award, contract, implementation)',
  })
  @ApiOkResponse({ description: 'OCDS release package (JSON)' })
  @ApiNotFoundResponse({
    description:
      'The program does not exist, is not a purchase of services, or has not published its tender notice',
  })
  async ocds(@Param('id', uuidParam) id: string): Promise<Record<string, unknown>> {
    const publication = await this.procurements.publication(id);
    return procurementToOcds(publication, {
      // The public address is not fixed yet; the package names itself by a URN until it is.
      packageUri: `urn:grantflow:programs:${id}:ocds`,
      publisherName: DISTRICT_BUYER.name,
    });
  }

  @Get(':id/360giving.json')
  @ApiOperation({ summary: 'The program’s awards and disbursements as a 360Giving 1.4 package' })
  @ApiOkResponse({ description: '360Giving grant package (JSON)' })
  @ApiNotFoundResponse({ description: `${UNPUBLISHED.description}, or it awarded no grant` })
  async threeSixtyGiving(@Param('id', uuidParam) id: string): Promise<ThreeSixtyGivingPackage> {
    const { program } = await this.awards.published(id);
    // A 360Giving package holds at least one grant: a notice that funded nobody has no open data to give.
    if (program.grants.length === 0)
      throw notFound({ zh: `项目 ${id} 没有资助项目`, en: `Program ${id} has awarded no grants` });
    return grantProgramTo360Giving(program);
  }

  @Get(':id/awards.csv')
  @ApiOperation({ summary: 'The award list for notice boards, CSV (UTF-8 with BOM, amounts in yuan)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file' })
  @ApiNotFoundResponse(UNPUBLISHED)
  async awardsCsv(@Param('id', uuidParam) id: string): Promise<StreamableFile> {
    return noticeFile(awardListTable(await this.awards.published(id)), 'csv', `awards-${id}`);
  }

  @Get(':id/awards.xlsx')
  @ApiOperation({ summary: 'The award list for notice boards, XLSX (amounts in yuan)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'XLSX workbook' })
  @ApiNotFoundResponse(UNPUBLISHED)
  async awardsXlsx(@Param('id', uuidParam) id: string): Promise<StreamableFile> {
    return noticeFile(awardListTable(await this.awards.published(id)), 'xlsx', `awards-${id}`);
  }
}
