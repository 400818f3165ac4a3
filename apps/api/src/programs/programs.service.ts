import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProgramEntity } from '@grantflow/db';
import { notFound } from '../common/problem';
import type { CreateProgramDto } from './dto/create-program.dto';

/** Creates and reads programs. */
@Injectable()
export class ProgramsService {
  constructor(@InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>) {}

  create(input: CreateProgramDto): Promise<ProgramEntity> {
    return this.programs.save(
      this.programs.create({ name: input.name, templateKey: input.templateKey, budgetFen: input.budgetFen }),
    );
  }

  list(): Promise<ProgramEntity[]> {
    return this.programs.find({ order: { createdAt: 'DESC' }, take: 100 });
  }

  async get(id: string): Promise<ProgramEntity> {
    const program = await this.programs.findOneBy({ id });
    if (!program) throw notFound({ zh: `项目 ${id} 不存在`, en: `Program ${id} does not exist` });
    return program;
  }
}
