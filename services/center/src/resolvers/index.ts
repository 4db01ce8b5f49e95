import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Query } from './Query.js';
import { JointApplication, JointPart } from './JointApplication.js';
import { Mutation } from './Mutation.js';
import { Bulletin } from './Bulletin.js';
import { FastTrack } from './FastTrack.js';
import { Inquiry, RegisteredApplicant } from './Applicants.js';
import { ServiceWindow } from './ServiceWindow.js';
import { Staff } from './Staff.js';
import { Complaint, Evaluation, FollowUp } from './Quality.js';
import { CalendarChange, CalendarYear } from './Calendar.js';

export const resolvers: Resolvers = { Query, Mutation, ServiceWindow, Staff, JointApplication, JointPart, Bulletin, FastTrack, RegisteredApplicant, Inquiry, Complaint, Evaluation, FollowUp, CalendarChange, CalendarYear };
