import { servicePrismaConfig } from '@onewindow/kit/prisma-config';

export default servicePrismaConfig();
